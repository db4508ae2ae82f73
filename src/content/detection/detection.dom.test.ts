// @vitest-environment happy-dom
// The DOM tier: detection over page fragments, as tables, in happy-dom. Layout
// is stubbed (every rendered input is a 200×24 box on screen; display:none and
// friends still count, through getComputedStyle), so these cases cover what
// the page says and how it is built. What only real layout can tell (covers,
// clip-path, off-screen) is left to the browser tests and the corpus benchmark.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formContextOf } from './form-context';
import { menuKindFor } from './menu-kind';
import { isFillable } from './visibility';

type Verdict = 'login' | 'generator' | 'code' | 'nothing' | 'hidden';

function verdictOf(input: HTMLInputElement): Verdict {
  if (!isFillable(input)) return 'hidden';
  const kind = menuKindFor(input);
  if (kind === 'username' || kind === 'password') return 'login';
  if (kind === 'new-password') return 'generator';
  if (kind === 'one-time-code') return 'code';
  return 'nothing';
}

function render(html: string): void {
  document.title = '';
  document.body.innerHTML = html;
}

beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    return { x: 10, y: 10, left: 10, top: 10, right: 210, bottom: 34, width: 200, height: 24, toJSON: () => ({}) } as DOMRect;
  };
});
afterEach(() => {
  document.body.innerHTML = '';
});

/** Checks every `[data-expect]` input of a fragment: its verdict is the attribute's value. */
function expectVerdicts(html: string): void {
  render(html);
  const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('input[data-expect]'));
  expect(inputs.length).toBeGreaterThan(0);
  const expected = inputs.map((input) => `${input.name || input.id}: ${input.dataset.expect}`);
  // The expectations are the test's own: read them first, then take them off before detection looks.
  for (const input of inputs) input.removeAttribute('data-expect');
  expect(inputs.map((input) => `${input.name || input.id}: ${verdictOf(input)}`)).toEqual(expected);
}

// Sign-up and sign-in as sites in each language phrase them: [language, sign-up heading, sign-up button, sign-in heading, sign-in button, "forgot password"].
const LANGUAGES: [string, string, string, string, string, string][] = [
  ['en', 'Create your account', 'Sign up', 'Welcome back', 'Log in', 'Forgot your password?'],
  ['de', 'Konto erstellen', 'Jetzt registrieren', 'Willkommen zurück', 'Anmelden', 'Passwort vergessen?'],
  ['fr', 'Créer un compte', "S'inscrire", 'Bon retour', 'Se connecter', 'Mot de passe oublié ?'],
  ['es', 'Crear una cuenta', 'Registrarse', 'Hola de nuevo', 'Iniciar sesión', '¿Olvidaste tu contraseña?'],
  ['pt', 'Cadastro', 'Criar conta', 'Bem-vindo', 'Entrar', 'Esqueceu a senha?'],
  ['it', 'Registrazione', 'Registrati', 'Bentornato', 'Accedi', 'Password dimenticata?'],
  ['nl', 'Account aanmaken', 'Registreer', 'Welkom terug', 'Inloggen', 'Wachtwoord vergeten?'],
  ['pl', 'Rejestracja', 'Zarejestruj się', 'Witaj ponownie', 'Zaloguj się', 'Nie pamiętasz hasła?'],
  ['ru', 'Регистрация', 'Зарегистрироваться', 'С возвращением', 'Войти', 'Забыли пароль?'],
  ['tr', 'Üye ol', 'Kayıt ol', 'Tekrar hoş geldiniz', 'Giriş yap', 'Şifremi unuttum'],
  ['zh', '新用户注册', '立即注册', '欢迎回来', '登录', '忘记密码？'],
  ['ja', '会員登録', '新規登録', 'おかえりなさい', 'ログイン', 'パスワードを忘れた方'],
  ['ko', '회원가입', '가입하기', '다시 오신 것을 환영합니다', '로그인', '비밀번호 찾기'],
  ['fa', 'ثبت نام', 'ثبت نام', 'خوش آمدید', 'ورود', 'فراموشی رمز عبور'],
  ['ar', 'إنشاء حساب', 'التسجيل', 'مرحبا بعودتك', 'تسجيل الدخول', 'نسيت كلمة المرور؟'],
  ['el', 'Εγγραφή', 'Δημιουργία λογαριασμού', 'Καλώς ήρθατε', 'Σύνδεση', 'Ξεχάσατε τον κωδικό;'],
  ['id', 'Daftar', 'Buat akun', 'Selamat datang', 'Masuk', 'Lupa kata sandi?'],
  ['th', 'สมัครสมาชิก', 'สมัคร', 'ยินดีต้อนรับ', 'เข้าสู่ระบบ', 'ลืมรหัสผ่าน'],
];

describe('sign-up against sign-in, by what the page says', () => {
  for (const [language, upHeading, upButton, inHeading, inButton, forgot] of LANGUAGES) {
    it(`${language}: one unnamed password under a sign-up heading gets the generator, its email no login`, () =>
      expectVerdicts(`<h2>${upHeading}</h2><form><input type="email" name="email" data-expect="nothing"><input type="password" name="password" data-expect="generator"><button>${upButton}</button></form>`));
    it(`${language}: the same fields under a sign-in heading get logins`, () =>
      expectVerdicts(`<h2>${inHeading}</h2><form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><a href="/forgot">${forgot}</a><button>${inButton}</button></form>`));
    it(`${language}: a sign-up button alone is enough`, () =>
      expectVerdicts(`<form><input type="text" name="user" data-expect="nothing"><input type="password" name="pw" data-expect="generator"><button>${upButton}</button></form>`));
    it(`${language}: a sign-in button alone is enough`, () =>
      expectVerdicts(`<form><input type="text" name="user" data-expect="login"><input type="password" name="pw" data-expect="login"><button>${inButton}</button></form>`));
    it(`${language}: a page app (no form) with a sign-up heading`, () =>
      expectVerdicts(`<div><div><h1>${upHeading}</h1><p>It takes a minute, and it is free for everyone who wants it.</p><div><input type="email" name="mail" data-expect="nothing"></div><div><input type="password" name="pass" data-expect="generator"></div><div role="button">${upButton}</div></div></div>`));
    it(`${language}: a sign-in form that links to the sign-up page stays a sign-in form`, () =>
      expectVerdicts(`<h2>${inHeading}</h2><form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>${inButton}</button><p><a href="/join">${upButton}</a></p></form>`));
  }
});

const ACTIONS: [string, Verdict][] = [
  ['/account/register', 'generator'], ['/signup', 'generator'], ['/users/sign_up', 'generator'], ['/join', 'generator'], ['/registrierung', 'generator'], ['/inscription', 'generator'],
  ['/login', 'login'], ['/signin', 'login'], ['/session/new', 'nothing'], ['/users/sign_in', 'login'], ['/anmelden', 'login'], ['/connexion', 'login'],
];

describe('the form action and names', () => {
  for (const [action, verdict] of ACTIONS) {
    it(`action ${action}`, () => {
      render(`<form action="${action}"><input type="email" name="email"><input type="password" name="password" id="p"><button>Continue</button></form>`);
      const password = document.getElementById('p') as HTMLInputElement;
      // "/session/new" says neither: the lone password then stays a sign-in's.
      expect(verdictOf(password)).toBe(verdict === 'nothing' ? 'login' : verdict);
    });
  }
  it('a form whose id says register', () =>
    expectVerdicts('<form id="register-form"><input type="email" name="email" data-expect="nothing"><input type="password" name="password" data-expect="generator"><button>Continue</button></form>'));
  it('a password whose name says login, inside a page-wide form', () =>
    expectVerdicts('<form id="aspnetForm"><input type="text" name="ctl00$ucLogin$txtEmail" data-expect="login"><input type="password" name="ctl00$ucLogin$txtSenha" data-expect="login"><button>OK</button></form>'));
});

const STRUCTURES: [string, string][] = [
  ['two unnamed passwords: new and confirm', '<form><input type="email" name="email" data-expect="nothing"><input type="password" name="a" data-expect="generator"><input type="password" name="b" data-expect="generator"><button>Go</button></form>'],
  ['three unnamed passwords: current, new, confirm', '<form><input type="password" name="a" data-expect="login"><input type="password" name="b" data-expect="generator"><input type="password" name="c" data-expect="generator"><button>Save</button></form>'],
  ['declared current, then an unnamed one', '<form><input type="password" name="a" autocomplete="current-password" data-expect="login"><input type="password" name="b" data-expect="generator"><button>Save</button></form>'],
  ['an unnamed one before one labelled "New password" is the current password', '<form><input type="password" name="a" data-expect="login"><label>New password <input type="password" name="b" autocomplete="new-password" data-expect="generator"></label><button>Save</button></form>'],
  ['multi-step sign-up: an unnamed password, then a confirm marked new-password by autocomplete only', '<form><input type="password" name="a" data-expect="generator"><input type="password" name="b" autocomplete="new-password" data-expect="generator"><button>Next</button></form>'],
  ['update email: the "New email" box is no username, the password is the current one', '<form><label>New email <input type="email" name="newEmail" data-expect="nothing"></label><label>Password <input type="password" name="password" data-expect="login"></label><button>Update email</button></form>'],
  ['three passwords all marked new-password by a site builder', '<form><input type="password" name="a" autocomplete="new-password" data-expect="login"><input type="password" name="b" autocomplete="new-password" data-expect="generator"><input type="password" name="c" autocomplete="new-password" data-expect="generator"><button>Save</button></form>'],
  ['"current-password" id beats autocomplete=new-password', '<form><input type="password" id="current-password-input" autocomplete="new-password" data-expect="login"><input type="password" id="new-password-input" autocomplete="new-password" data-expect="generator"><button>Save</button></form>'],
  ['a sign-in form marked new-password to keep browsers out', '<h1>Sign in</h1><form action="/login"><input type="text" name="user" data-expect="login"><input type="password" name="pass" autocomplete="new-password" data-expect="login"><a href="/forgot">Forgot password?</a><button>Sign in</button></form>'],
  ['many text fields and a password: a sign-up', '<form><input name="first_name" data-expect="nothing"><input name="last_name" data-expect="nothing"><input type="email" name="email" data-expect="nothing"><input type="password" name="password" data-expect="generator"><button>Continue</button></form>'],
  ['a birthday and terms beside the password', '<form><input type="email" name="email" data-expect="nothing"><input type="password" name="password" data-expect="generator"><input name="birthday"><label><input type="checkbox" name="terms"> I agree to the terms</label><button>Continue</button></form>'],
  ['a rule beside the password', '<form><input type="email" name="email" data-expect="nothing"><input type="password" name="password" data-expect="generator"><small>At least 8 characters, one digit</small><button>Continue</button></form>'],
  ['minlength on the password', '<form><input type="email" name="email" data-expect="nothing"><input type="password" name="password" minlength="8" data-expect="generator"><button>Continue</button></form>'],
  ['"remember me" beside the password', '<form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><label><input type="checkbox" name="remember"> Remember me</label><button>Continue</button></form>'],
  ['a lone password with nothing said: a sign-in step', '<form><input type="password" name="password" data-expect="login"><button>Next</button></form>'],
  ['a phone box beside a sign-in username gets no login', '<form action="/login"><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><input type="tel" name="phone" data-expect="nothing"><button>Log in</button></form>'],
];

describe('sign-up against sign-in, by how the form is built', () => {
  for (const [name, html] of STRUCTURES) it(name, () => expectVerdicts(html));
});

describe('fields that are never a login', () => {
  it('a card security code typed as a password (autocomplete=cc-csc)', () =>
    expectVerdicts('<form><input name="cardnumber" autocomplete="cc-number" data-expect="nothing"><input type="password" name="code" autocomplete="cc-csc" data-expect="nothing"><button>Pay</button></form>'));
  for (const name of ['cvv', 'cvc', 'card_cvc', 'securityCodeCVV', 'ssn']) {
    it(`a password-typed "${name}" field`, () =>
      expectVerdicts(`<form><input type="email" name="email"><input type="password" name="${name}" data-expect="nothing"><button>Continue</button></form>`));
  }
  it('a shipping step with an email box is no identifier step', () =>
    expectVerdicts('<form><input name="address1"><input name="city"><input type="email" name="email" data-expect="nothing"><button>Continue</button></form>'));
  it('a one-field identifier step still is one', () =>
    expectVerdicts('<form><input type="email" name="email" autocomplete="username" data-expect="login"><button>Next</button></form>'));
});

describe('visibility the page declares', () => {
  it('an open modal whose wrapper and body carry aria-hidden="true" (Bootstrap 3) shows its sign-in fields', () => {
    document.body.setAttribute('aria-hidden', 'true');
    try {
      expectVerdicts('<div class="modal in" role="dialog" aria-hidden="true" style="display:block"><h4>Log in</h4><form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>Log in</button></form></div>');
    } finally {
      document.body.removeAttribute('aria-hidden');
    }
  });
  it('react-modal: the app behind is aria-hidden, the portal is aria-modal', () =>
    expectVerdicts('<div id="app" aria-hidden="true"><input type="email" name="behind" data-expect="hidden"></div><div class="ReactModalPortal"><div class="ReactModal__Content" role="dialog" aria-modal="true"><form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>Sign in</button></form></div></div>'));
  it('an open <dialog> inside an aria-hidden wrapper', () =>
    expectVerdicts('<div aria-hidden="true"><dialog open><form><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>Sign in</button></form></dialog></div>'));
  it('an aria-hidden honeypot outside any dialog stays hidden', () =>
    expectVerdicts('<form><div aria-hidden="true"><input type="email" name="trap" data-expect="hidden"></div><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>Sign in</button></form>'));
  it('display:none, hidden and inert fields are hidden', () =>
    expectVerdicts('<form><input name="a" style="display:none" data-expect="hidden"><input name="b" hidden data-expect="hidden"><div inert><input name="c" data-expect="hidden"></div><input type="email" name="email" data-expect="login"><input type="password" name="password" data-expect="login"><button>Sign in</button></form>'));
  it('a readonly password (on-screen keyboard) keeps its username a sign-in field', () =>
    expectVerdicts('<form><input type="text" name="customerId" data-expect="login"><input type="password" name="pin" readonly data-expect="hidden"><div class="keypad"><button type="button">1</button></div><button>Log in</button></form>'));
});

describe('the form context', () => {
  it('takes no new-email box for the username', () => {
    render('<form><input type="email" id="old" name="email" value="a@example.test" readonly><input type="email" id="new" name="new_email"><input type="email" id="again" name="confirm_email"><input type="password" id="p"><button>Save</button></form>');
    const context = formContextOf(document.getElementById('p') as HTMLInputElement);
    expect(context.username).toBeNull();
    expect(context.kind).toBe('password-only');
  });
  it('gives a multi-step sign-up step both passwords for the generator', () => {
    render('<form><input type="password" id="a"><input type="password" id="b" autocomplete="new-password"><button>Next</button></form>');
    const context = formContextOf(document.getElementById('a') as HTMLInputElement);
    expect([context.kind, context.newPassword?.id, context.confirmPassword?.id]).toEqual(['reset-password', 'a', 'b']);
  });
  it('names the parts of a change form', () => {
    render('<form><input type="password" id="a"><input type="password" id="b"><input type="password" id="c"><button>Change</button></form>');
    const context = formContextOf(document.getElementById('b') as HTMLInputElement);
    expect(context.kind).toBe('change-password');
    expect([context.currentPassword?.id, context.newPassword?.id, context.confirmPassword?.id]).toEqual(['a', 'b', 'c']);
  });
  it('explains why a lone password was taken for a sign-up', () => {
    render('<h2>Create your account</h2><form action="/register"><input type="email" name="email"><input type="password" id="p"><button>Sign up</button></form>');
    const { evidence, kind } = formContextOf(document.getElementById('p') as HTMLInputElement);
    expect(kind).toBe('registration');
    expect(evidence?.reasons).toEqual(expect.arrayContaining(['submitSaysSignUp +4', 'namesSaySignUp +3']));
  });
});
