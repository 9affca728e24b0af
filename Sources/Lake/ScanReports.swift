/// A table that counts the bad records its scans met, so the session can say so after
/// each statement (nothing is dropped silently).
package protocol ReportsBadRecords: AnyObject {
    /// Bad records counted since the last call; resets the count.
    func takeBadRecordCount() -> Int
}
