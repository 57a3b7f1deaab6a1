// Which tests run where: heavy sweeps only in an optimized build.

/// The configuration the tests were built in.
package enum BuildConfiguration {
    /// True in a release (`-c release`) build, where the `*Heavy*` sweeps run.
    package static var isOptimized: Bool {
        #if DEBUG
        return false
        #else
        return true
        #endif
    }

    /// The skip message of a heavy test in a debug build: where it runs instead.
    package static func heavyOnly(_ what: String) -> String {
        "\(what): runs in the release-mode test step (`swift test -c release --filter Heavy`)"
    }
}
