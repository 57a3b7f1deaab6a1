// `import PureJWT` also brings the key formats and JSON (and, through them, the crypto
// primitives), which its API is made of: keys to sign with, claims as JSON values.

@_exported import PureKeys
