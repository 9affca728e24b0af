#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of a `ParquetWriter`.
public struct ParquetWriterOptions: Sendable {
    /// Page compression.
    public enum Codec: Sendable {
        case uncompressed
        case snappy
        case gzip
    }

    /// Data page layout.
    public enum PageVersion: Sendable {
        /// DataPage (v1): levels and values compressed together; read by every reader.
        case v1
        /// DataPageV2: levels kept uncompressed beside compressed values.
        case v2
    }

    /// Page compression codec (default Snappy).
    public var codec: Codec = .snappy
    /// Rows per row group (default 122,880).
    public var rowGroupSize: Int = 122_880
    /// Use RLE_DICTIONARY encoding where the dictionary stays small (default on).
    public var dictionary: Bool = true
    /// PLAIN size above which a column chunk's dictionary is abandoned for PLAIN.
    public var dictionarySizeLimit: Int = 1 << 20
    /// Level entries (rows, for flat columns) per data page; pages end at row boundaries.
    public var pageRowCount: Int = 20_000
    /// Data page version (default v1).
    public var pageVersion: PageVersion = .v1
    /// Key/value pairs stored in the footer.
    public var keyValueMetadata: [(key: String, value: String)] = []
    /// Threads that encode column chunks (default: online cores, at most 8): full row
    /// groups are encoded by `threads - 1` background workers, joined by the writer's own
    /// thread whenever it waits for them. The file's bytes are the same for any number of threads.
    public var threads: Int = ParquetWriterOptions.defaultThreads

    /// Online cores, at most 8.
    public static let defaultThreads: Int = {
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, min(8, n))
    }()

    /// Default options.
    public init() {}

    /// Options with the given settings.
    public init(codec: Codec = .snappy, rowGroupSize: Int = 122_880, dictionary: Bool = true, pageVersion: PageVersion = .v1) {
        self.codec = codec
        self.rowGroupSize = rowGroupSize
        self.dictionary = dictionary
        self.pageVersion = pageVersion
    }

    var parquetCodec: ParquetCodec {
        switch codec {
        case .uncompressed: return .uncompressed
        case .snappy: return .snappy
        case .gzip: return .gzip
        }
    }
}
