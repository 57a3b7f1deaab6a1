// swift-tools-version: 6.0
// The crypto core compiled as Embedded Swift, over the very same sources (a directory symlink to
// ../Sources/PureCrypto). A Foundation import, an existential or untyped throws in the core fails
// this build. It lives in its own package so the root's everyday builds compile the core once.
//
//   swift build -c release --package-path Embedded
//
// The programs for wasm32 (WASI) and the Cortex-M4 are linked from these modules by
// `Embedded/build.sh wasm32|armv7em` (see Docs/PORTABILITY.md).
import PackageDescription

let embedded: [SwiftSetting] = [.enableExperimentalFeature("Embedded")]

let package = Package(
    name: "PureCryptoEmbedded",
    targets: [
        .target(
            name: "PureCryptoEmbedded",
            swiftSettings: embedded
        ),
        // What a bare program needs with no C library: memcpy and friends, a heap, start-up code,
        // and I/O, time and entropy through WASI (wasm32) or Arm semihosting (Cortex-M4).
        // Empty on other targets.
        .target(
            name: "EmbeddedRuntime",
            swiftSettings: embedded + [
                .enableExperimentalFeature("Extern"),
                .enableExperimentalFeature("SymbolLinkageMarkers"),
            ]
        ),
        // Cortex-M4 start-up: the vector table, the reset handler and the semihosting trap. Linked
        // into the image, imported by nothing (its `@used` globals would be emitted again in
        // every module that imported it).
        .target(
            name: "EmbeddedStartup",
            dependencies: ["EmbeddedRuntime"],
            swiftSettings: embedded + [
                .enableExperimentalFeature("Extern"),
                .enableExperimentalFeature("SymbolLinkageMarkers"),
            ]
        ),
        // Known-answer runs of the core on the Embedded targets, for tests.
        .target(
            name: "EmbeddedCheck",
            dependencies: ["EmbeddedRuntime", "PureCryptoEmbedded"],
            swiftSettings: embedded
        ),
    ],
    swiftLanguageModes: [.v6]
)
