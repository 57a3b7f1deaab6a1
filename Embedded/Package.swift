// swift-tools-version: 6.0
// The crypto core compiled as Embedded Swift, over the very same sources (a directory symlink to
// ../Sources/PureCrypto). A Foundation import, an existential or untyped throws in the core fails
// this build. It lives in its own package so the root's everyday builds compile the core once.
//
//   swift build -c release --package-path Embedded
import PackageDescription

let package = Package(
    name: "PureCryptoEmbedded",
    targets: [
        .target(
            name: "PureCryptoEmbedded",
            swiftSettings: [.enableExperimentalFeature("Embedded")]
        )
    ],
    swiftLanguageModes: [.v6]
)
