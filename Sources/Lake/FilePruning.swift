import Columnar
import Diagnostics
import Planner

/// Skips files that filters on `_file` rule out (`WHERE _file LIKE 'bronze/l/2024-03%'`),
/// before any byte of them is read.
enum FilePruning {
    /// The files for which every filter that reads only `_file` is not FALSE/NULL.
    /// `fileColumn` is `_file`'s position among the scan's output columns.
    static func keep(_ files: [(path: String, display: String)], filters: [BoundExpr], fileColumn: Int,
                     context: FunctionContext = FunctionContext(statementTime: 0)) -> [(path: String, display: String)] {
        let relevant = filters.filter { f in
            let refs = f.referencedColumns
            return refs == [fileColumn] && !f.containsSubquery
        }
        if relevant.isEmpty { return files }
        return files.filter { file in
            for f in relevant {
                let literal = (try? f.rewritten { (e: BoundExpr) throws(SQLError) -> BoundExpr in
                    if case .column = e.kind { return .literal(.string(file.display), .string) }
                    return e
                }) ?? f
                // Keep the file when the filter cannot be decided here.
                guard let v = try? ConstantEvaluator.evaluate(literal, context: context) else { continue }
                if v != .bool(true) { return false }
            }
            return true
        }
    }
}
