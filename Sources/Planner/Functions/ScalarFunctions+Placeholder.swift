// Topic tables, filled in their own files.
extension ScalarFunctions {
    static var datetime: [ScalarFunction] { [] }
}
