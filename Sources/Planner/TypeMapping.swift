import Columnar
import Diagnostics
import SQLSyntax

/// Maps type names as written (Spark's and standard SQL's spellings) to `DataType`s.
/// The table is the documentation: grammar/README.md lists the same names.
public enum TypeMapping {
    /// Simple type names and their types. DECIMAL/VARCHAR parameters are handled apart.
    static let simple: [String: DataType] = [
        "BOOLEAN": .boolean, "BOOL": .boolean, "LOGICAL": .boolean,
        "TINYINT": .int8, "INT1": .int8, "BYTE": .int8,
        "SMALLINT": .int16, "INT2": .int16, "SHORT": .int16,
        "INT": .int32, "INTEGER": .int32, "INT4": .int32, "SIGNED": .int32, "MEDIUMINT": .int32,
        "BIGINT": .int64, "INT8": .int64, "LONG": .int64, "HUGEINT": .int64,
        "FLOAT": .float32, "REAL": .float32, "FLOAT4": .float32,
        "DOUBLE": .float64, "DOUBLE PRECISION": .float64, "FLOAT8": .float64,
        "VARCHAR": .string, "CHAR": .string, "CHARACTER": .string, "CHARACTER VARYING": .string,
        "TEXT": .string, "STRING": .string, "NVARCHAR": .string, "NCHAR": .string, "CLOB": .string, "BLOB": .string,
        "DATE": .date,
        "TIMESTAMP": .timestamp, "DATETIME": .timestamp, "TIMESTAMPTZ": .timestamp,
        "TIMESTAMP WITH TIME ZONE": .timestamp, "TIMESTAMP WITHOUT TIME ZONE": .timestamp,
        "TIMESTAMP_NTZ": .timestamp, "TIMESTAMP_LTZ": .timestamp,
        "INTERVAL": .interval,
    ]

    /// The `DataType` of a written type.
    public static func dataType(_ name: TypeName, span: SourceSpan? = nil) throws(SQLError) -> DataType {
        switch name {
        case let .named(n, params):
            if n == "DECIMAL" || n == "NUMERIC" || n == "DEC" {
                let p = params.first ?? 18
                let s = params.count > 1 ? params[1] : (params.isEmpty ? 3 : 0)
                guard p >= 1, p <= DataType.maxDecimalPrecision, s >= 0, s <= p else {
                    throw SQLError(.type, "DECIMAL(\(p),\(s)) is out of range: precision must be 1 to 38 and scale 0 to precision", span: span)
                }
                return .decimal(precision: p, scale: s)
            }
            if let t = simple[n] { return t }
            let suggestion = NameSuggestion.closest(to: n, among: Array(simple.keys) + ["DECIMAL", "NUMERIC"])
            throw SQLError(.type, "unknown type \(n)", span: span, notes: suggestion.map { ["did you mean \($0)?"] } ?? [])
        case let .array(element):
            return .array(try dataType(element, span: span))
        case let .struct(fields):
            var out: [StructField] = []
            for f in fields { out.append(StructField(name: f.name.value, type: try dataType(f.type, span: span))) }
            return .struct(out)
        }
    }
}
