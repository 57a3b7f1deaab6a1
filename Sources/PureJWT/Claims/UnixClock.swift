// Wall-clock time without Foundation, from the C library. Embedded Swift has no C library to
// ask: there the caller passes its clock (`JWTValidation(clock:)`).

#if !hasFeature(Embedded)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds since 1970, from the system's real-time clock.
public enum UnixClock {
    /// The current time in whole seconds since 1970-01-01 UTC.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}
#endif
