/// The table of every verb of `purejwt`, in the order `purejwt --help` lists them.
///
/// To add a verb: write `Verbs/<Name>Verb.swift` with `enum <Name>Verb { static let verb = Verb(...) }`
/// (see `Command/Verb.swift`), then add ONE line here. Multi-word verbs (`"key show"`) work as is.
package let allVerbs: [Verb] = [
    HashVerb.verb,
    HMACVerb.verb,
    KeyShowVerb.verb,
    KeyConvertVerb.verb,
    KeyGenerateVerb.verb,
    SignVerb.verb,
    VerifyVerb.verb,
    JWTSignVerb.verb,
    JWTVerifyVerb.verb,
    JWTDecodeVerb.verb,
    BoxVerbs.token,
    BoxVerbs.exchange,
    BoxVerbs.revoke,
    BoxVerbs.rootFolder,
    BoxVerbs.emulator,
]
