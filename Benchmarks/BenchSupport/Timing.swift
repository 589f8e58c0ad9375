import Foundation

/// The monotonic clock of the benchmarks, in nanoseconds (never the wall clock: it can jump).
public func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Nanoseconds as milliseconds.
public func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

/// The `p` quantile (0…1) of `values`, the nearest rank rounded up; NaN when there are none.
public func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))]
}
