// The traffic replay reader on arbitrary text. Rate points come out in time order, finite and
// within the traffic source's range; a refusal names the place and never echoes a line of the
// file (a replay file may be one the user did not name).

#include "fuzzutil.h"

#include "sim/trafficreplay.h"

#include <cmath>

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    std::vector<core::RatePoint> points;
    QString error;
    if (!parseReplayCsv(text, QStringLiteral("fuzz.csv"), &points, &error)) {
        fuzz::require(error.startsWith(QStringLiteral("fuzz.csv")), "a refusal names the file",
                      error);
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            const QString t = line.trimmed();
            fuzz::require(t.size() < 12 || !error.contains(t),
                          "a refusal never echoes a line of the file", error);
        }
        return 0;
    }
    fuzz::requireRefusedIfExpected(true);
    double previous = 0;
    for (const core::RatePoint &p : points) {
        fuzz::require(std::isfinite(p.tSeconds) && std::isfinite(p.rate) && p.rate >= 0
                          && p.tSeconds >= previous,
                      "rate points are finite, not negative and in time order");
        previous = p.tSeconds;
    }
    return 0;
}
