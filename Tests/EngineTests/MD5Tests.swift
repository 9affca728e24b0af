// MD5 against the test suite of RFC 1321 (appendix A.5) and padding boundaries.

import Testing

@Suite("MD5")
struct MD5Tests {
    @Test("RFC 1321 test vectors", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfcVectors(input: String, digest: String) {
        #expect(MD5.hex(input) == digest)
    }

    @Test("lengths around the 56- and 64-byte padding boundaries", arguments: [
        (55, "04364420e25c512fd958a70738aa8f72"),
        (56, "668a72d5ba17f08e62dabcafad6db14b"),
        (63, "7dc2ca208106a2f703567bdff99d8981"),
        (64, "c1bb4f81d892b2d57947682aeb252456"),
        (65, "1bc932052302d074bdec39795fe00cf6"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(MD5.hex(String(repeating: "x", count: length)) == digest)
    }

    @Test("a message of many blocks")
    func manyBlocks() {
        #expect(MD5.hex(String(repeating: "a", count: 1000)) == "cabe45dcc9ae5b66ba86600cca6b8ba8")
    }

    @Test("incremental updates equal one update")
    func incremental() {
        var md5 = MD5()
        for i in 0..<100 { md5.update("\(i)\n") }
        #expect(md5.hexDigest() == "9a10f4f09341c2db76a16b44f841c551")
        #expect(SLTRunner.hash((0..<100).map { String($0) }) == "9a10f4f09341c2db76a16b44f841c551")
    }
}
