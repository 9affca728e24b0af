// Topic tables, filled in their own files.
extension ScalarFunctions {
    static var math: [ScalarFunction] { [] }
    static var string: [ScalarFunction] { [] }
    static var datetime: [ScalarFunction] { [] }
    static var conditional: [ScalarFunction] { [] }
}
