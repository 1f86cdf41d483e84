#pragma once

#include <QString>

// Parsers for the quantities commands take on the command line. Each returns std::nullopt-like
// 0 / negative sentinels documented per function, so callers can word their own usage error.
namespace swb::cli {

// "90s", "15m", "1h", "1h30m", "1d", or plain seconds ("3600", "0.5"). 0 on error.
double parseDuration(const QString &text);

// "300ms", "0.3s", "300" (milliseconds). Negative on error.
double parseMilliseconds(const QString &text);

// A monthly amount in USD: "500", "500/month", "$500", "$1,200.50/mo". Negative on error.
double parseMonthlyUsd(const QString &text);

} // namespace swb::cli
