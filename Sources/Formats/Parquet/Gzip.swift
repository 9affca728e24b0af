import CZlib
import Diagnostics

/// GZIP pages through zlib (inflate with gzip or zlib headers accepted).
enum Gzip {
    /// The inflated bytes of `input[range]`, which must come to `expected` bytes.
    static func decompress(_ input: [UInt8], _ range: Range<Int>, expected: Int) throws(SQLError) -> [UInt8] {
        // Deflate expands at most ~1032:1; a larger claim comes from a damaged header.
        guard expected <= range.count * 1032 + 1024 else { throw ParquetCorruption.error("gzip page size \(expected) is implausible") }
        var out = [UInt8](repeating: 0, count: max(expected, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SQLError(.internal, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress.map { $0 + range.lowerBound })
                stream.avail_in = UInt32(range.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw ParquetCorruption.error("gzip page does not inflate to \(expected) bytes")
        }
        if expected == 0 { return [] }
        return out
    }

    /// The gzip-compressed bytes of `input`.
    static func compress(_ input: [UInt8]) throws(SQLError) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SQLError(.internal, "zlib could not start")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
        var out = [UInt8](repeating: 0, count: bound)
        let status: Int32 = input.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.avail_in = UInt32(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw SQLError(.internal, "zlib deflate failed") }
        out.removeSubrange(Int(stream.total_out)...)
        return out
    }
}
