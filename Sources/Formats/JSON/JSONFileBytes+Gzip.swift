import CZlib
import Diagnostics

extension JSONFileBytes {
    /// Decompresses a gzip file. A stream cut short (a file still being written) yields
    /// what could be decompressed; corrupt data is an I/O error.
    static func gunzip(_ input: UnsafeRawBufferPointer, path: String) throws(SQLError) -> JSONFileBytes {
        var capacity = max(input.count * 4, 1 << 16)
        var out = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var produced = 0
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            out.deallocate()
            throw SQLError(.io, "cannot read \(path): zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        guard let inBase = input.baseAddress else {
            return JSONFileBytes(buffer: UnsafeRawBufferPointer(start: out, count: 0), mapped: false)
        }
        stream.next_in = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            if produced == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: out, byteCount: produced)
                out.deallocate()
                out = bigger
                capacity *= 2
            }
            let room = min(capacity - produced, Int(UInt32.max))
            stream.next_out = (out + produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(room)
            let status = inflate(&stream, Z_NO_FLUSH)
            produced += room - Int(stream.avail_out)
            if status == Z_STREAM_END {
                // Another gzip member may follow (concatenated files).
                if stream.avail_in > 0, inflateReset(&stream) == Z_OK { continue }
                break
            }
            if status == Z_BUF_ERROR && stream.avail_in == 0 { break } // cut short
            if status != Z_OK && status != Z_BUF_ERROR {
                out.deallocate()
                throw SQLError(.io, "cannot read \(path): corrupt gzip data")
            }
            if stream.avail_in == 0 && stream.avail_out > 0 { break }
        }
        return JSONFileBytes(buffer: UnsafeRawBufferPointer(start: out, count: produced), mapped: false)
    }
}
