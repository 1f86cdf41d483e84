#include "sim/trafficreplay.h"

#include "model/checkednumbers.h"
#include "model/parametercatalogue.h"

#include <QFileInfo>
#include <QStringList>

#include <cmath>
#include <map>

namespace swb {

bool loadReplayCsv(const QString &reference, const FileAccess &access,
                   std::vector<core::RatePoint> *out, QString *error)
{
    QByteArray bytes;
    QString why;
    if (!readReferencedFile(reference, access, &bytes, &why)) {
        *error = QStringLiteral("replay file %1").arg(why);
        return false;
    }
    return parseReplayCsv(QString::fromUtf8(bytes), QFileInfo(reference).fileName(), out, error);
}

bool parseReplayCsv(const QString &text, const QString &fileName, std::vector<core::RatePoint> *out,
                    QString *error)
{
    out->clear();
    std::vector<core::RatePoint> pairs;
    std::map<long long, double> perSecond; // timestamps -> count per whole second
    int columns = 0;
    // Rates as the traffic source's own "rate" allows; times within a year (checkednumbers.h).
    const ParamSpec *rateSpec =
        catalogue::findComponentParam(ComponentKind::TrafficSource, QStringLiteral("rate"));
    const QStringList lines = text.split(QLatin1Char('\n'));
    // Messages name the file, line and column, never the cell: the file may be one the user
    // did not name (a design's replayFile), and its content must not reach a log.
    auto at = [&](int line, int column) {
        return QStringLiteral("%1:%2:%3").arg(fileName).arg(line + 1).arg(column);
    };
    for (int n = 0; n < lines.size(); ++n) {
        const QString &raw = lines[n];
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QList<double> numbers;
        QList<int> starts; // 1-based column of each cell
        bool header = false;
        int offset = 0;
        for (const QString &cell : raw.split(QLatin1Char(','))) {
            int lead = 0;
            while (lead < cell.size() && cell.at(lead).isSpace())
                ++lead;
            const int column = offset + lead + 1;
            offset += int(cell.size()) + 1;
            bool ok = false;
            const double v = cell.trimmed().toDouble(&ok);
            if (!ok) {
                if (columns == 0 && numbers.isEmpty()) {
                    header = true; // a header line
                    break;
                }
                *error = QStringLiteral("%1: not a number (expected time_s,rate or one "
                                        "timestamp in seconds per line)")
                             .arg(at(n, column));
                return false;
            }
            numbers.append(v);
            starts.append(column);
        }
        if (header || numbers.isEmpty())
            continue;
        if (columns == 0)
            columns = int(numbers.size());
        if (numbers.size() != columns || columns > 2) {
            *error = QStringLiteral("%1: expected %2 column(s) (time_s,rate or one timestamp per "
                                    "line), found %3")
                         .arg(at(n, 1))
                         .arg(std::min(columns, 2))
                         .arg(numbers.size());
            return false;
        }
        // checked:: words its refusal with the value: here only the place and the allowed range,
        // since a cell's digits are the file's content too (fuzzing printed a 12-digit line).
        const auto refuse = [&](int column, const char *field, double v, double max) {
            *error = std::isnan(v) ? QStringLiteral("%1: %2 is not a number")
                                         .arg(at(n, column), QLatin1String(field))
                                   : QStringLiteral("%1: %2 is out of range (allowed: %3)")
                                         .arg(at(n, column), QLatin1String(field),
                                              checked::rangeText(0, max));
            return false;
        };
        QString why;
        const auto time = checked::seconds(numbers[0], 0, QString(), &why);
        if (!time)
            return refuse(starts[0], "time", numbers[0], checked::kMaxSeconds);
        const auto rate = columns == 2
                              ? checked::real(numbers[1], 0, rateSpec->maximum, QString(), &why)
                              : std::optional<double>(0);
        if (!rate)
            return refuse(starts[1], "rate", numbers[1], rateSpec->maximum);
        if (columns == 2) {
            if (!pairs.empty() && *time < pairs.back().tSeconds) {
                *error = QStringLiteral("%1: time goes backwards (earlier than the line before)")
                             .arg(at(n, starts[0]));
                return false;
            }
            pairs.push_back({*time, *rate});
        } else {
            perSecond[static_cast<long long>(std::floor(*time))] += 1; // within a year: checked
        }
    }
    if (columns == 2) {
        *out = std::move(pairs);
    } else {
        long long expected = 0;
        for (const auto &[second, count] : perSecond) {
            if (second != expected)
                out->push_back({double(expected), 0.0}); // a gap: no requests
            out->push_back({double(second), count});
            expected = second + 1;
        }
        if (!perSecond.empty())
            out->push_back({double(expected), 0.0}); // after the last timestamp: silence
    }
    if (out->empty()) {
        *error = QStringLiteral("%1: no data rows (expected time_s,rate or one timestamp per "
                                "line)")
                     .arg(fileName);
        return false;
    }
    return true;
}

} // namespace swb
