#include "ui/charts/chartspecs.h"

#include "sim/seriesname.h"

namespace swb {

const QList<ChartSpec> &chartSpecs()
{
    // Levels (concurrency, backlog, age) are the peak within a bin; counts are totals per bin.
    static const QList<ChartSpec> specs = {
        {"Concurrency vs limits",
         ValueKind::Count,
         "environments",
         ValueKind::Count,
         nullptr,
         {{seriesName(core::LmConcurrency), "concurrency", Qt::SolidLine},
          {seriesName(core::LmAccountConcurrency), "concurrency", Qt::DotLine}}},
        {"Queue backlog",
         ValueKind::Count,
         "messages",
         ValueKind::Count,
         nullptr,
         {{seriesName(core::QmVisible), "visible", Qt::SolidLine},
          {seriesName(core::QmInFlight), "in flight", Qt::DashLine},
          {seriesName(core::LmAsyncQueue), "async queue", Qt::DotLine}}},
        {"Oldest message age / iterator age",
         ValueKind::Seconds,
         "age",
         ValueKind::Count,
         "blocked shards",
         {{seriesName(core::QmOldestAge), "oldest message age", Qt::SolidLine},
          {seriesName(core::KmIteratorAge), "iterator age", Qt::SolidLine},
          {seriesName(core::FmTransitionDelayMax), "transition delay", Qt::DashLine},
          {seriesName(core::KmBlockedShards), "blocked shards (right axis)", Qt::DotLine, true}}},
        {"Throttles, errors, retries, DLQ",
         ValueKind::Count,
         "events per %1 bin",
         ValueKind::Count,
         nullptr,
         {{seriesName(core::LmThrottles), "throttles", Qt::SolidLine},
          {seriesName(core::LmErrors), "errors", Qt::DashLine},
          {seriesName(core::LmRetries), "retries", Qt::DotLine},
          {seriesName(core::LmDlq), "to DLQ", Qt::DashDotLine},
          {seriesName(core::QmToDlq), "to DLQ", Qt::DashDotLine},
          {seriesName(core::QmThrottled), "throttled calls", Qt::SolidLine},
          {seriesName(core::LmTimeouts), "timeouts", Qt::DashDotDotLine},
          {seriesName(core::Am429), "429s", Qt::SolidLine},
          {seriesName(core::Am5xx), "5xx", Qt::DashLine},
          {seriesName(core::Am504), "504 timeouts", Qt::DotLine},
          {seriesName(core::KmThrottles), "write throttles", Qt::SolidLine},
          {seriesName(core::KmReadThrottles), "read throttles", Qt::DashLine},
          {seriesName(core::SmThrottles), "publish throttles", Qt::SolidLine},
          {seriesName(core::FmStartThrottles), "StartExecution throttles", Qt::SolidLine},
          {seriesName(core::SmDlq), "to DLQ", Qt::DashDotLine},
          {seriesName(core::FmFailures), "failures", Qt::DashLine},
          {seriesName(core::DmRejections), "rejections", Qt::SolidLine}}},
        {"End-to-end latency per entry path",
         ValueKind::Milliseconds,
         "latency",
         ValueKind::Count,
         nullptr,
         {{seriesName(core::SrP50), "p50", Qt::DotLine},
          {seriesName(core::SrP95), "p95", Qt::DashLine},
          {seriesName(core::SrP99), "p99", Qt::SolidLine}}},
        {"Monthly cost per service",
         ValueKind::Usd,
         "USD / month (projected)",
         ValueKind::Usd,
         "USD accrued so far",
         {}},
    };
    return specs;
}

QColor blockColor(int index)
{
    // Tableau 20: the ten strong hues first, then their light partners.
    static const QColor colors[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf), QColor(0xae, 0xc7, 0xe8), QColor(0xff, 0xbb, 0x78),
        QColor(0x98, 0xdf, 0x8a), QColor(0xff, 0x98, 0x96), QColor(0xc5, 0xb0, 0xd5),
        QColor(0xc4, 0x9c, 0x94), QColor(0xf7, 0xb6, 0xd2), QColor(0xc7, 0xc7, 0xc7),
        QColor(0xdb, 0xdb, 0x8d), QColor(0x9e, 0xda, 0xe5)};
    constexpr int n = int(sizeof(colors) / sizeof(colors[0]));
    return colors[((index % n) + n) % n];
}

QColor accountColor()
{
    return QColor(0x33, 0x33, 0x33);
}

} // namespace swb

namespace swb {

QPen chartPen(const QColor &color, Qt::PenStyle style)
{
    QPen pen(color, 1, style, Qt::FlatCap);
    pen.setCosmetic(true);
    return pen;
}

} // namespace swb
