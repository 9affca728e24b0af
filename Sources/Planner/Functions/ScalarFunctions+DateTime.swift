import Columnar
import Diagnostics

// Date and time functions. DATE arguments are cast to TIMESTAMP where a function works on
// both; results follow PostgreSQL (date_part gives DOUBLE, date_trunc gives TIMESTAMP) with
// Spark's and DuckDB's spellings accepted (datediff, date_diff, date_add, strftime).

extension ScalarFunctions {
    /// Date and time functions.
    static var datetime: [ScalarFunction] {
        let fields: [([String], DateUnit)] = [
            (["year"], .year), (["month"], .month), (["day", "dayofmonth"], .day), (["hour"], .hour),
            (["minute"], .minute), (["second"], .second), (["quarter"], .quarter), (["dayofweek", "dow"], .dow),
            (["dayofyear", "doy"], .doy), (["week", "weekofyear"], .week), (["isodow"], .isodow),
            (["millisecond"], .millisecond), (["microsecond"], .microsecond), (["isoyear"], .isoyear),
        ]
        return [
            ScalarFunction(["date_part", "datepart", "extract"], summary: "a field of a date, timestamp or interval, as DOUBLE",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 2, Arg.isString(t[0]), Arg.isTemporal(t[1]) || t[1] == .interval else {
                                   throw noSuchFunction("date_part", t, "takes a VARCHAR field name and a DATE, TIMESTAMP or INTERVAL")
                               }
                               return ResolvedSignature(argumentTypes: [.string, t[1] == .interval ? .interval : .timestamp], returnType: .float64)
                           },
                           kernel: { (a, n, _) throws(SQLError) in try DateKernels.datePart(a, count: n) }),
        ] + fields.map { names, unit in
            ScalarFunction(names, summary: "the \(unit.rawValue) field of a date or timestamp",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 1, Arg.isTemporal(t[0]) else { throw noSuchFunction(names[0], t, "takes a DATE or TIMESTAMP") }
                               return ResolvedSignature(argumentTypes: [.timestamp], returnType: .int64)
                           },
                           kernel: { (a, _, _) throws(SQLError) in
                               let ts = try a[0].ints()
                               return Column(type: .int64, storage: .int(ts.map { CivilTime($0).integerField(unit) }), validity: a[0].validity)
                           })
        } + [
            ScalarFunction(["date_trunc", "datetrunc"], FunctionSignature("date_trunc", [.string, .timestamp], returns: .timestamp),
                           summary: "the timestamp truncated to the start of a unit (year, quarter, month, week, day, hour, ...)",
                           kernel: { (a, n, _) throws(SQLError) in try DateKernels.withUnit(a, count: n, function: "date_trunc", type: .timestamp) { (u, t) throws(SQLError) in try DateFields.truncate(t, to: u) } }),
            ScalarFunction(["date_diff"], FunctionSignature("date_diff", [.string, .timestamp, .timestamp], returns: .int64),
                           summary: "number of unit boundaries between two timestamps (end minus start)",
                           kernel: { (a, n, _) throws(SQLError) in try DateKernels.dateDiff(a, count: n) }),
            ScalarFunction(["datediff"], summary: "datediff(end, start): days from start to end; datediff(unit, start, end) as date_diff",
                           resolve: { (t) throws(SQLError) in
                               if t.count == 3 { return try FunctionSignature("datediff", [.string, .timestamp, .timestamp], returns: .int64).resolve(t) }
                               guard t.count == 2, t.allSatisfy(Arg.isTemporal) else {
                                   throw noSuchFunction("datediff", t, "takes two DATE or TIMESTAMP values (end, start), or a unit and two timestamps")
                               }
                               return ResolvedSignature(argumentTypes: [.date, .date], returnType: .int64)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               if a.count == 3 { return try DateKernels.dateDiff(a, count: n) }
                               let e = try a[0].ints(), s = try a[1].ints()
                               return Column(type: .int64, storage: .int((0..<n).map { e[$0] &- s[$0] }), validity: combinedValidity(a))
                           }),
            dateShift("date_add", subtract: false),
            dateShift("date_sub", subtract: true),
            ScalarFunction(["current_date", "today"], summary: "the date the statement started (UTC)",
                           resolve: { (t) throws(SQLError) in try FunctionSignature("current_date", [], returns: .date).resolve(t) },
                           kernel: { (_, n, ctx) throws(SQLError) in
                               Column(type: .date, storage: .int(Array(repeating: DateTime.floorDiv(ctx.statementTime, DateTime.microsPerDay), count: n)))
                           }),
            ScalarFunction(["current_timestamp", "now", "localtimestamp"], summary: "the time the statement started (UTC)",
                           resolve: { (t) throws(SQLError) in try FunctionSignature("now", [], returns: .timestamp).resolve(t) },
                           kernel: { (_, n, ctx) throws(SQLError) in
                               Column(type: .timestamp, storage: .int(Array(repeating: ctx.statementTime, count: n)))
                           }),
            ScalarFunction(["to_date"], FunctionSignature("to_date", [.string, .string], required: 1, returns: .date),
                           summary: "text to DATE (ISO by default, or a strftime-style format)",
                           kernel: { (a, n, _) throws(SQLError) in try DateKernels.parse(a, count: n, type: .date) }),
            ScalarFunction(["to_timestamp"], summary: "text to TIMESTAMP (ISO or a strftime-style format), or epoch seconds to TIMESTAMP",
                           resolve: { (t) throws(SQLError) in
                               if t.count == 1, t[0].isNumeric { return ResolvedSignature(argumentTypes: [.float64], returnType: .timestamp) }
                               return try FunctionSignature("to_timestamp", [.string, .string], required: 1, returns: .timestamp).resolve(t)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               if a[0].type == .float64 { return try DateKernels.fromEpoch(a[0]) }
                               return try DateKernels.parse(a, count: n, type: .timestamp)
                           }),
            ScalarFunction(["make_date"], FunctionSignature("make_date", [.int64, .int64, .int64], returns: .date),
                           summary: "the DATE of a year, month and day",
                           kernel: { (a, n, _) throws(SQLError) in try DateKernels.makeDate(a, count: n) }),
            ScalarFunction(["last_day"], FunctionSignature("last_day", [.timestamp], returns: .date),
                           summary: "the last day of the month",
                           kernel: { (a, _, _) throws(SQLError) in
                               let ts = try a[0].ints()
                               let out = ts.map { t -> Int64 in
                                   let c = CivilTime(t)
                                   return DateTime.daysFromCivil(year: c.year, month: c.month, day: DateTime.daysInMonth(year: c.year, month: c.month))
                               }
                               return Column(type: .date, storage: .int(out), validity: a[0].validity)
                           }),
            ScalarFunction(["epoch"], FunctionSignature("epoch", [.timestamp], returns: .float64),
                           summary: "seconds since 1970-01-01 00:00:00 UTC, as DOUBLE",
                           kernel: { (a, _, _) throws(SQLError) in
                               Column(type: .float64, storage: .double(try a[0].ints().map { Double($0) / 1_000_000 }), validity: a[0].validity)
                           }),
            ScalarFunction(["strftime"], FunctionSignature("strftime", [.timestamp, .string], returns: .string),
                           summary: "a timestamp formatted with strftime specifiers (%Y-%m-%d %H:%M:%S ...)",
                           kernel: { (a, n, _) throws(SQLError) in
                               let ts = try a[0].ints(), f = try a[1].strings()
                               return try buildStrings(a, count: n) { (r, out) throws(SQLError) in
                                   out.append(contentsOf: try DateFormat.format(ts[r], f[r]).utf8)
                                   return true
                               }
                           }),
        ]
    }

    /// date_add / date_sub: DATE ± integer days gives DATE, DATE/TIMESTAMP ± INTERVAL gives TIMESTAMP.
    static func dateShift(_ name: String, subtract: Bool) -> ScalarFunction {
        let op: ArithmeticOp = subtract ? .subtract : .add
        return ScalarFunction([name], summary: subtract ? "a date minus days, or a timestamp minus an interval" : "a date plus days, or a timestamp plus an interval",
                              resolve: { (t) throws(SQLError) in
                                  guard t.count == 2, Arg.isTemporal(t[0]), Arg.isInteger(t[1]) || t[1] == .interval,
                                        !(t[0] == .timestamp && t[1] != .interval) else {
                                      throw noSuchFunction(name, t, "takes a DATE and INTEGER days, or a DATE or TIMESTAMP and an INTERVAL")
                                  }
                                  if t[1] == .interval { return ResolvedSignature(argumentTypes: [.timestamp, .interval], returnType: .timestamp) }
                                  return ResolvedSignature(argumentTypes: [.date, .int64], returnType: .date)
                              },
                              kernel: { (a, _, _) throws(SQLError) in
                                  try TemporalArithmetic.evaluate(op, a[0], a[1], returnType: a[1].type == .interval ? .timestamp : .date)
                              })
    }
}
