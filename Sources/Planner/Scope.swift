import Columnar
import Diagnostics

/// One query level: the boundary of a subquery expression. Names that do not resolve inside
/// the level are looked up in `outer`, and become parameters of the level's plan.
final class QueryLevel {
    /// The scope of the enclosing query, for correlated references.
    let outer: Scope?
    /// Outer-scope expressions the level's plan reads as `.parameter(i)`.
    var correlations: [BoundExpr] = []
    /// Keys of `correlations`, to reuse a parameter for the same outer column.
    var correlationKeys: [String: Int] = [:]

    init(outer: Scope?) { self.outer = outer }
}

/// The columns visible at one point of binding: each with the table alias that qualifies it.
final class Scope {
    struct Column {
        /// Table alias or table name (lower-cased unless quoted).
        var qualifier: String?
        /// Schema of the table, for three-part names `schema.table.column`.
        var schemaQualifier: String?
        /// Column name.
        var name: String
        var type: DataType
        /// Index in the plan's output.
        var index: Int
        /// Hidden from `*` (the right copy of a USING/NATURAL column).
        var hiddenFromStar: Bool = false
    }

    var columns: [Column]
    let level: QueryLevel

    init(columns: [Column], level: QueryLevel) {
        self.columns = columns
        self.level = level
    }

    /// Columns called `name` (case-insensitively unless quoted), optionally under `qualifier`.
    func matches(name: String, quoted: Bool, qualifier: String?, schema: String? = nil) -> [Column] {
        columns.filter { c in
            let nameOK = quoted ? c.name == name : c.name.lowercased() == name.lowercased()
            guard nameOK else { return false }
            if let q = qualifier {
                guard let cq = c.qualifier, cq.lowercased() == q.lowercased() else { return false }
                if let s = schema {
                    guard let cs = c.schemaQualifier, cs.lowercased() == s.lowercased() else { return false }
                }
            }
            return true
        }
    }

    /// True when some column has this qualifier.
    func hasQualifier(_ q: String) -> Bool {
        columns.contains { $0.qualifier?.lowercased() == q.lowercased() }
    }

    /// The scope of a join of two inputs: right columns shifted after the left ones.
    static func joined(_ left: Scope, _ right: Scope, level: QueryLevel) -> Scope {
        let offset = left.columns.count
        let shifted = right.columns.map { c -> Column in
            var c = c
            c.index += offset
            return c
        }
        return Scope(columns: left.columns + shifted, level: level)
    }
}
