// What pages say, in many languages, when a form signs a person up or in. Data,
// not logic: adding a language is adding words here. Latin-script words match
// whole words (case-insensitive); words of scripts without spaces match anywhere.
// Each list was drawn from how real sites phrase it, not from any one corpus page.

function wordsPattern(latin: string[], anywhere: string[]): RegExp {
  const whole = latin.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]*'));
  const parts = [`(?<![\\p{L}\\p{N}])(?:${whole.join('|')})(?![\\p{L}])`];
  if (anywhere.length > 0) parts.push(anywhere.join('|'));
  return new RegExp(parts.join('|'), 'iu');
}

/** Making an account: buttons, headings, action URLs. */
export const SIGN_UP = wordsPattern(
  [
    'sign up', 'signup', 'register', 'registration', 'registrations', 'registering', 'create account', 'create an account', 'create my account', 'create your account',
    'create a free account', 'new account', 'open an account', 'join', 'join now', 'join free', 'join us', 'get started', 'enroll', 'enrol', 'enrollment', 'become a member',
    'reg', 'regist', 'registr', 'new customer', 'new user', 'neuer kunde',
    // German, Dutch, Scandinavian
    'registrieren', 'registrierung', 'konto erstellen', 'konto anlegen', 'jetzt registrieren', 'kundenkonto anlegen', 'neues konto', 'anmeldung abschließen',
    'registreren', 'registreer', 'account aanmaken', 'aanmelden', 'opret', 'opret konto', 'registrer', 'registrera', 'skapa konto', 'opprett',
    // French, Spanish, Portuguese, Italian, Romanian
    "s'inscrire", 'inscription', 'inscrivez', 'inscrire', 'créer', 'créer un compte', 'créez', 'creer', 'nouveau compte',
    'crear cuenta', 'crear una cuenta', 'registrarse', 'registrate', 'regístrate', 'registro', 'inscribirse', 'únete', 'crie', 'criar conta', 'criar', 'cadastro', 'cadastre',
    'cadastrar', 'registar', 'registe', 'iscriviti', 'iscrizione', 'registrati', 'registrazione', 'crea account', 'crea un account', 'înregistrare', 'inregistrare', 'creează cont',
    // Slavic, Baltic, Greek, Turkish, Indonesian, Vietnamese
    'регистрация', 'зарегистрироваться', 'зарегистрируйтесь', 'регистрации', 'создать аккаунт', 'создать учетную запись', 'реєстрація', 'зареєструватися',
    'zarejestruj', 'rejestracja', 'załóż konto', 'registrace', 'registrovat', 'zaregistrovat', 'vytvořit účet', 'εγγραφή', 'δημιουργία λογαριασμού',
    'kayıt', 'kayıt ol', 'üye ol', 'hesap oluştur', 'daftar', 'buat akun', 'đăng ký', 'tạo tài khoản',
  ],
  ['注册', '註冊', '注冊', '创建帐号', '创建账号', '创建帐户', '会員登録', '新規登録', '新規会員', 'アカウントの作成', 'アカウント作成', 'アカウントを作成', '登録する', '회원가입', '회원 가입', '가입하기', '계정 만들기',
    'ثبت نام', 'ثبت‌نام', 'ثبتنام', 'عضویت', 'إنشاء حساب', 'التسجيل', 'سجل الآن', 'สมัครสมาชิก', 'สมัคร', 'הרשמה', 'पंजीकरण', 'रजिस्टर'],
);

/** Signing in: buttons, headings, action URLs. */
export const SIGN_IN = wordsPattern(
  [
    'sign in', 'signin', 'log in', 'login', 'log on', 'logon', 'sign on', 'signon', 'authenticate',
    'anmelden', 'einloggen', 'login', 'inloggen', 'log ind', 'logga in', 'logg inn', 'connexion', 'se connecter', 'connectez', 'identifiez', "s'identifier", 'identification',
    'iniciar sesión', 'iniciar sesion', 'ingresar', 'acceder', 'entrar', 'acessar', 'accedi', 'accesso', 'autentificare', 'conectare',
    'войти', 'вход', 'авторизация', 'увійти', 'zaloguj', 'logowanie', 'přihlásit', 'přihlášení', 'prihlásiť', 'σύνδεση', 'είσοδος', 'giriş', 'giriş yap', 'oturum aç', 'masuk', 'đăng nhập',
  ],
  ['登录', '登入', '登陆', '登錄', 'ログイン', 'サインイン', '로그인', 'ورود', 'تسجيل الدخول', 'دخول', 'เข้าสู่ระบบ', 'התחברות', 'लॉग इन'],
);

/** "Forgot password", "remember me", "keep me signed in": said by sign-in forms. */
export const SIGN_IN_EXTRAS = wordsPattern(
  [
    'forgot', 'forgotten', 'remember me', 'keep me signed in', 'keep me logged in', 'stay signed in', 'passwort vergessen', 'angemeldet bleiben', 'mot de passe oublié',
    'se souvenir de moi', 'olvidaste', 'olvidé', 'recordarme', 'esqueceu', 'esqueci', 'dimenticato', 'ricordami', 'забыли', 'запомнить меня', 'не помню', 'nie pamiętam', 'zapomniałeś',
    'zapomenuté', 'wachtwoord vergeten', 'şifremi unuttum', 'lupa kata sandi', 'glemt',
  ],
  ['忘记密码', '忘記密碼', '记住我', '自动登录', 'パスワードを忘れ', 'ログイン状態を保持', '비밀번호 찾기', '비밀번호를 잊', 'فراموشی', 'نسيت'],
);

/** Signs a new password is being chosen: rules and hints beside the field. */
export const PASSWORD_RULES_HINT = wordsPattern(
  [
    'at least', 'minimum', 'min', 'characters long', 'must contain', 'must be', 'must include', 'strength', 'strong password', 'password strength', 'weak', 'choose a password',
    'create a password', 'create password', 'choose password', 'mindestens', 'zeichen', 'caractères', 'au moins', 'caracteres', 'al menos', 'pelo menos', 'almeno', 'caratteri',
    'символов', 'не менее', 'минимум', 'znaków', 'znaků', 'karakter', 'χαρακτήρες', 'придумайте', 'en az',
  ],
  ['位字符', '个字符', '位字母', '位数字', '字符组成', '文字以上', '文字以内', '半角英数', '자 이상', '자리', 'حداقل', 'على الأقل', 'ตัวอักษร'],
);

/** Other fields a sign-up form asks for. */
export const SIGN_UP_FIELD = wordsPattern(
  [
    'first name', 'firstname', 'fname', 'last name', 'lastname', 'lname', 'surname', 'full name', 'fullname', 'given name', 'family name', 'birthday', 'birthdate', 'birth',
    'date of birth', 'dob', 'gender', 'captcha', 'recaptcha', 'terms', 'agree', 'accept', 'consent', 'newsletter', 'vorname', 'nachname', 'geburtsdatum', 'prénom', 'nom',
    'nombre', 'apellido', 'apellidos', 'sobrenome', 'cognome', 'имя', 'фамилия', 'дата рождения', 'nickname', 'display name', 'referral', 'invite code', 'promo',
    'given-name', 'family-name', 'bday', 'sex', 'privacy policy', 'terms of service', 'terms and conditions', 'agb', 'nutzungsbedingungen', 'conditions générales',
    'términos', 'condiciones', 'termos', 'condizioni', 'условия', 'соглашение', 'соглашения', 'принимаю', 'согласен', 'regulamin', 'podmínky', 'koşulları', 'confirm email', 'confirm e-mail', 'verify email', 'retype email', 'email2', 'emailconfirm', 'confirmemail',
  ],
  ['昵称', '姓名', '生日', '性別', '性别', '验证码', '驗證碼', '同意', '利用規約', '規約', 'お名前', '氏名', '이름', '생년월일', '약관', 'نام خانوادگی', 'تاریخ تولد'],
);

/** The field is the confirmation of a new password. */
export const CONFIRM_WORDS = wordsPattern(
  [
    'confirm', 'confirmation', 're-enter', 'reenter', 'retype', 're-type', 'repeat', 'again', 'verify', 'verification', 'password2', 'pass2', 'pwd2', 'passwd2', 'password_2', 'cpassword',
    'bestätigen', 'bestätigung', 'wiederholen', 'wiederholung', 'confirmer', 'confirmez', 'confirmation du mot de passe', 'confirmar', 'confirme', 'repetir', 'repita', 'ripeti', 'conferma',
    'повторите', 'повтор', 'подтвердите', 'подтверждение', 'ещё раз', 'еще раз', 'potwierdź', 'powtórz', 'znovu', 'ještě jednou', 'bekræft', 'bevestig', 'herhaal', 'tekrar', 'onayla',
    'επιβεβαίωση', 'ulangi', 'konfirmasi', 'xác nhận',
  ],
  ['确认', '確認', '再次', '再输入', '重复', '重複', '再入力', '확인', '재입력', 'تکرار', 'تأكيد', 'تاكيد', 'ยืนยัน'],
);

/** The field takes a new password (a change, a reset or a sign-up). */
export const NEW_WORDS = wordsPattern(
  [
    'new', 'create', 'choose', 'set password', 'newpassword', 'new_password', 'newpwd', 'new_pwd', 'newpass', 'register', 'signup',
    'sign up', 'registration', 'reg', 'join', 'neu', 'neues', 'neues passwort', 'nouveau', 'nouveau mot de passe', 'nuevo', 'nueva', 'nova', 'novo', 'nuova', 'новый', 'новый пароль',
    'придумайте', 'nowe', 'nové', 'nieuw', 'yeni', 'baru', 'νέος', 'mới', 'wählen', 'choisissez', 'elige', 'escolha', 'scegli',
    'erstellen', 'vergeben', 'créer', 'créez', 'crear', 'cree', 'criar', 'crie', 'creare', 'crea', 'создайте', 'задайте', 'установите', 'utwórz', 'vytvořte', 'oluştur',
  ],
  ['新密码', '新密碼', '设置密码', '設置密碼', '设定密码', '新しいパスワード', 'パスワードを設定', '새 비밀번호', '비밀번호 설정', 'رمز عبور جدید', 'كلمة المرور الجديدة', 'รหัสผ่านใหม่'],
);

/** The field takes the password the person has now. */
export const CURRENT_WORDS = wordsPattern(
  ['current', 'old', 'existing', 'curpassword', 'oldpassword', 'old_password', 'oldpwd', 'aktuelles', 'bisheriges', 'altes', 'actuel', 'ancien', 'actual', 'anterior', 'atual', 'attuale', 'текущий', 'старый', 'obecne', 'stávající', 'huidig', 'mevcut', 'eski'],
  ['旧密码', '舊密碼', '原密码', '当前密码', '現在のパスワード', '현재 비밀번호', 'رمز عبور فعلی'],
);

/** A password-typed field for a payment or an identity number, never a login password. */
export const CARD_OR_ID_WORDS = wordsPattern(
  ['cvv', 'cvc', 'csc', 'cvv2', 'cvc2', 'ccv', 'card code', 'card verification', 'ssn', 'social security', 'tax id', 'card number', 'cardnumber', 'cc-csc', 'cc-number'],
  [],
);

/** A box for a new email address: an account-settings form, whose password is the current one. */
export const NEW_EMAIL = wordsPattern(
  ['new email', 'new e-mail', 'newemail', 'new email address', 'neue e-mail', 'neue e-mail-adresse', 'nouvel e-mail', 'nouvelle adresse', 'nuevo correo', 'novo e-mail', 'nuova email', 'новый email', 'новый e-mail', 'новый адрес'],
  ['新邮箱', '新しいメールアドレス', '새 이메일'],
);
