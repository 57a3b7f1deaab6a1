// `import BoxJWT` also brings JWS/JWT and the layers below it, which its API is made of.

@_exported import PureJWT
