// swift-tools-version: 6.0
// Comparison benchmark: PureJWT's RSA and bignum beside swift-crypto (BoringSSL) and
// attaswift/BigInt, measured in the same run. A separate package so the root keeps zero
// dependencies. Build: swift build -c release --package-path Benchmarks/Compare
import PackageDescription

let package = Package(
    name: "Compare",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "PureJWT", path: "../.."),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", exact: "5.8.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", exact: "6.0.1"),
    ],
    targets: [
        .executableTarget(
            name: "Compare",
            dependencies: [
                .product(name: "PureCrypto", package: "PureJWT"),
                .product(name: "PureKeys", package: "PureJWT"),
                .product(name: "PureJWT", package: "PureJWT"),
                .product(name: "BoxJWT", package: "PureJWT"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
