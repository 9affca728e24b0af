import Columnar
import Diagnostics

// Functions on arrays and on any value: array_length/cardinality, array_contains,
// typeof. Arrays are boxed values, so these loops work on `Value`s.

extension ScalarFunctions {
    /// Array and type functions.
    static var nested: [ScalarFunction] {
        [
            ScalarFunction(["array_length", "cardinality", "array_size"], summary: "number of elements of an array",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 1, Nested.isArray(t[0]) else { throw noSuchFunction("array_length", t, "takes an ARRAY") }
                               return ResolvedSignature(argumentTypes: [t[0] == .null ? .array(.null) : t[0]], returnType: .int64)
                           },
                           kernel: { (a, n, _) throws(SQLError) in try Nested.lengths(a[0], count: n) }),
            ScalarFunction(["array_contains", "list_contains", "array_has"], summary: "true when the array holds the value",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 2, Nested.isArray(t[0]) else {
                                   throw noSuchFunction("array_contains", t, "takes an ARRAY and a value of its element type")
                               }
                               var element: DataType = .null
                               if case let .array(e) = t[0] { element = e }
                               guard let common = TypeCoercion.commonType(element, t[1]) else {
                                   throw noSuchFunction("array_contains", t, "takes an ARRAY and a value of its element type")
                               }
                               return ResolvedSignature(argumentTypes: [.array(common), common], returnType: .boolean)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               let mask = combinedValidity(a)
                               var out = [Bool](repeating: false, count: n)
                               for i in 0..<n where isValid(mask, i) {
                                   if case let .array(xs) = a[0].value(at: i) {
                                       let needle = a[1].value(at: i)
                                       out[i] = xs.contains { compareValues($0, needle) == 0 }
                                   }
                               }
                               return Column(type: .boolean, storage: .bool(out), validity: mask)
                           }),
            ScalarFunction(["typeof"], summary: "the SQL type name of the argument",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 1 else { throw noSuchFunction("typeof", t, "takes one argument") }
                               return ResolvedSignature(argumentTypes: t, returnType: .string)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               Column(type: .string, storage: .string(StringStorage(Array(repeating: a[0].type.description, count: n))))
                           }),
        ]
    }
}

enum Nested {
    static func isArray(_ t: DataType) -> Bool {
        if case .array = t { return true }
        return t == .null
    }

    static func lengths(_ c: Column, count: Int) throws(SQLError) -> Column {
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count where !c.isNull(i) {
            if case let .array(xs) = c.value(at: i) { out[i] = Int64(xs.count) }
        }
        return Column(type: .int64, storage: .int(out), validity: c.validity)
    }
}
