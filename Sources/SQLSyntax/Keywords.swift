/// Keyword tables of the dialect: the one place that says which words are reserved.
package enum Keywords {
    /// Words that can never be bare identifiers (column, table or alias names).
    /// Quote them (`"order"`) to use them as names. `LEFT(` and `RIGHT(` still parse as calls.
    package static let reserved: Set<String> = [
        "ALL", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "DELETE", "DISTINCT",
        "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FROM", "FULL", "GROUP",
        "HAVING", "ILIKE", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LEFT",
        "LIKE", "LIMIT", "NATURAL", "NOT", "NOTNULL", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER",
        "OVER", "QUALIFY", "RIGHT", "SELECT", "SET", "THEN", "TRUE", "TRY_CAST", "UNION", "UPDATE",
        "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// Words that are not reserved but cannot be an alias written without `AS`,
    /// because they start a clause that may follow a FROM item or select item.
    package static let notImplicitAlias: Set<String> = [
        "SEMI", "ANTI", "ESCAPE", "LOCATION", "OPTIONS", "STORED", "PARTITIONED", "COMMENT", "TO",
    ]

    /// Interval units, plural and singular, mapped to the singular upper-case name.
    package static let intervalUnits: [String: String] = {
        var units: [String: String] = [:]
        for unit in ["YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"] {
            units[unit] = unit
            units[unit + "S"] = unit
        }
        return units
    }()

    /// True when `word` (upper-case) is reserved.
    package static func isReserved(_ word: String) -> Bool { reserved.contains(word) }
}
