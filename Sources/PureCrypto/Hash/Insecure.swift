/// The namespace for broken hash functions, in the style of swift-crypto's `Insecure`.

/// Hash functions with known collision attacks. **Do not use them for new designs**: they are kept
/// only to read legacy key formats (OpenSSL's MD5-based `EVP_BytesToKey` for old encrypted PEM) and
/// for PBKDF2-HMAC-SHA1 in existing encrypted PKCS#8 files. Their names carry the warning so that
/// every call site shows it.
public enum Insecure {}
