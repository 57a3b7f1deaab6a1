// A token store in one directory, shared by the processes of one host.
//
// Files (NAME is the key's 64-hex-digit name):
//   NAME.token  the sealed token (TokenSealing), replaced atomically: written to a new file
//               created 0600 with O_EXCL, then renamed over the old one, so a reader sees the
//               old token or the new one, never a mix.
//   NAME.lease  the lease: held while its holder keeps an exclusive flock on it. The kernel drops
//               a flock when its process dies, so a crashed holder frees the lease at once. The
//               file holds the holder's deadline; a lease past its deadline is broken by
//               unlinking the file (the stuck holder keeps a lock on a file nobody opens again).
//   .guard      flocked for the few system calls of taking, breaking or releasing a lease, so a
//               holder always writes its deadline before anyone can read it, and a file is never
//               unlinked between another caller's open and flock.
// Files are opened with O_NOFOLLOW and O_CLOEXEC; the directory must belong to this user and not
// be writable by anyone else.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PureCrypto

/// Tokens in files under one directory, for processes on one host (see the file comment).
public final class FileTokenStore: TokenStore {
    /// The directory, as given.
    public let directory: String
    public var name: String { "file \(directory)" }

    /// Lease files this process holds locked, by owner ID.
    private let held = Locked([String: Int32]())

    /// Uses `directory`, creating it (mode 0700) when missing. Throws `token_store_invalid` when
    /// it is not a directory, belongs to another user, or is writable by group or others.
    public init(directory: String) throws(BoxAuthError) {
        self.directory = directory
        if mkdir(directory, 0o700) != 0, POSIX.errorNumber != EEXIST {
            throw BoxAuthError(.tokenStoreUnavailable, "cannot create the token directory \(directory): \(POSIX.describe(POSIX.errorNumber))")
        }
        var s = stat()
        guard stat(directory, &s) == 0 else {
            throw BoxAuthError(.tokenStoreUnavailable, "cannot read the token directory \(directory): \(POSIX.describe(POSIX.errorNumber))")
        }
        guard (UInt32(s.st_mode) & UInt32(S_IFMT)) == UInt32(S_IFDIR) else {
            throw BoxAuthError(.tokenStoreInvalid, "\(directory) is not a directory; give the file token store a directory of its own")
        }
        guard UInt32(s.st_uid) == POSIX.effectiveUserID else {
            throw BoxAuthError(.tokenStoreInvalid, "the token directory \(directory) belongs to another user; use a directory of your own (mode 0700)")
        }
        guard UInt32(s.st_mode) & 0o022 == 0 else {
            throw BoxAuthError(.tokenStoreInvalid, "the token directory \(directory) is writable by other users; chmod 700 it")
        }
    }

    private func path(_ key: TokenStoreKey, _ suffix: String) -> String { "\(directory)/\(key.name).\(suffix)" }

    private func failure(_ what: String, _ error: POSIXFailure) -> BoxAuthError {
        BoxAuthError(.tokenStoreUnavailable, "cannot \(what) in the token directory \(directory): \(error)")
    }

    // MARK: Tokens

    public func get(_ key: TokenStoreKey) async throws(BoxAuthError) -> AccessToken? {
        let fd = POSIX.open(path(key, "token"), O_RDONLY | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = POSIX.errorNumber
            if code == ENOENT { return nil }
            throw failure("open a token", POSIXFailure(code))
        }
        defer { POSIX.close(fd) }
        switch POSIX.readAll(fd, limit: TokenSealing.maximumSealedByteCount) {
        case .success(let bytes): return try key.open(bytes)
        case .failure(let error): throw failure("read a token", error)
        }
    }

    public func put(_ token: AccessToken, for key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) {
        let sealed = key.seal(token)
        let temporary = "\(directory)/.\(key.name).\(Hex.encode(SecureRandom.bytes(count: 8))).tmp"
        let fd = POSIX.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
        guard fd >= 0 else { throw failure("create a token file", POSIXFailure(POSIX.errorNumber)) }
        let written = POSIX.writeAll(fd, sealed)
        POSIX.close(fd)
        if let written {
            unlink(temporary)
            throw failure("write a token file", written)
        }
        guard rename(temporary, path(key, "token")) == 0 else {
            let error = POSIXFailure(POSIX.errorNumber)
            unlink(temporary)
            throw failure("replace a token file", error)
        }
    }

    public func remove(_ key: TokenStoreKey) async throws(BoxAuthError) {
        if unlink(path(key, "token")) != 0, POSIX.errorNumber != ENOENT {
            throw failure("remove a token file", POSIXFailure(POSIX.errorNumber))
        }
    }

    // MARK: Leases

    public func acquireLease(_ key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) -> TokenLease? {
        let leasePath = path(key, "lease")
        return try withGuard { () throws(BoxAuthError) -> TokenLease? in
            // Two rounds: the second runs only after this caller broke an expired lease.
            for _ in 0..<2 {
                let fd = POSIX.open(leasePath, O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o600)
                guard fd >= 0 else { throw failure("open a lease file", POSIXFailure(POSIX.errorNumber)) }
                switch POSIX.tryLockExclusive(fd) {
                case .failure(let error):
                    POSIX.close(fd)
                    throw failure("lock a lease file", error)
                case .success(true):
                    let owner = Hex.encode(SecureRandom.bytes(count: 16))
                    let deadline = Self.wallMilliseconds() + timeToLive.wholeMilliseconds
                    let record = Array("\(deadline) \(owner)\n".utf8)
                    if ftruncate(fd, 0) != 0 || pwrite(fd, record, record.count, 0) != record.count {
                        let error = POSIXFailure(POSIX.errorNumber)
                        POSIX.unlock(fd)
                        POSIX.close(fd)
                        throw failure("write a lease file", error)
                    }
                    held.withLock { $0[owner] = fd }
                    return TokenLease(key: key, ownerID: owner)
                case .success(false):
                    // Held by a live process (a dead one's flock is gone). Its deadline was
                    // written under the guard, so it is complete here.
                    let record = POSIX.readAll(fd, limit: 256)
                    POSIX.close(fd)
                    guard case .success(let bytes) = record,
                          let deadline = Int64(String(decoding: bytes.prefix { $0 != 0x20 }, as: UTF8.self)),
                          Self.wallMilliseconds() > deadline else { return nil }
                    unlink(leasePath)
                }
            }
            return nil
        }
    }

    public func releaseLease(_ lease: TokenLease) async throws(BoxAuthError) {
        guard let fd = held.withLock({ $0.removeValue(forKey: lease.ownerID) }) else { return }
        let leasePath = path(lease.key, "lease")
        try withGuard { () throws(BoxAuthError) in
            // Unlink only the file this holder locked: if its lease was broken, the path now
            // names another caller's lease.
            if let mine = POSIX.identity(fd: fd), POSIX.identity(path: leasePath) == mine {
                unlink(leasePath)
            }
            POSIX.unlock(fd)
            POSIX.close(fd)
        }
    }

    private func withGuard<T>(_ body: () throws(BoxAuthError) -> T) throws(BoxAuthError) -> T {
        let fd = POSIX.open("\(directory)/.guard", O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o600)
        guard fd >= 0 else { throw failure("open the guard file", POSIXFailure(POSIX.errorNumber)) }
        defer { POSIX.close(fd) }
        if let error = POSIX.lockExclusive(fd) { throw failure("lock the guard file", error) }
        defer { POSIX.unlock(fd) }
        return try body()
    }

    private static func wallMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    deinit {
        for fd in held.withLock({ Array($0.values) }) { POSIX.close(fd) }
    }
}
