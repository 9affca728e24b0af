// Topic tables, filled in their own files.
extension ScalarFunctions {
    static var string: [ScalarFunction] { [] }
    static var datetime: [ScalarFunction] { [] }
}
