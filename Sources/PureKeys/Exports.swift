// `import PureKeys` also brings the crypto primitives: the keys it loads are PureCrypto's
// `RSAPrivateKey` and `RSAPublicKey`.

@_exported import PureCrypto
