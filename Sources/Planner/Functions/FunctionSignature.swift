import Columnar
import Diagnostics

/// A fixed parameter list with optional trailing parameters, checked the same way for many
/// functions: VARCHAR slots take VARCHAR (or NULL), BIGINT slots any integer, DOUBLE slots
/// any number; arguments are then cast to the parameter types.
struct FunctionSignature: Sendable {
    let name: String
    let parameters: [DataType]
    let required: Int
    let returnType: DataType

    init(_ name: String, _ parameters: [DataType], required: Int? = nil, returns: DataType) {
        self.name = name
        self.parameters = parameters
        self.required = required ?? parameters.count
        self.returnType = returns
    }

    /// What the function takes, for the error note: "takes VARCHAR, BIGINT and an optional BIGINT".
    var takes: String {
        func word(_ t: DataType) -> String { t == .int64 ? "INTEGER" : t.description }
        let req = parameters.prefix(required).map(word)
        let opt = parameters.dropFirst(required).map(word)
        if req.isEmpty && opt.isEmpty { return "takes no arguments" }
        var text = "takes " + req.joined(separator: ", ")
        if !opt.isEmpty {
            text += (req.isEmpty ? "" : ", and ") + "optional " + opt.joined(separator: ", ")
        }
        return text
    }

    /// Checks `types` against the parameters.
    func resolve(_ types: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard types.count >= required, types.count <= parameters.count else { throw noSuchFunction(name, types, takes) }
        for (t, p) in zip(types, parameters) where !FunctionSignature.fits(t, p) {
            throw noSuchFunction(name, types, takes)
        }
        return ResolvedSignature(argumentTypes: Array(parameters.prefix(types.count)), returnType: returnType)
    }

    static func fits(_ t: DataType, _ p: DataType) -> Bool {
        if t == p || t == .null { return true }
        switch p {
        case .int64: return t.isInteger
        case .float64: return t.isNumeric
        case .timestamp: return t == .date
        default: return false
        }
    }
}

extension ScalarFunction {
    /// A registry entry whose types follow a `FunctionSignature`.
    init(_ names: [String], _ signature: FunctionSignature, summary: String, kernel: @escaping Kernel) {
        self.init(names, summary: summary, resolve: { (types) throws(SQLError) in try signature.resolve(types) }, kernel: kernel)
    }
}
