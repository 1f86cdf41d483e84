#include "sim/trafficreplay.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cmath>
#include <map>

namespace swb {

bool loadReplayCsv(const QString &path, std::vector<core::RatePoint> *out, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read replay file '%1': %2").arg(path, file.errorString());
        return false;
    }
    return parseReplayCsv(QString::fromUtf8(file.readAll()), QFileInfo(path).fileName(), out,
                          error);
}

bool parseReplayCsv(const QString &text, const QString &fileName, std::vector<core::RatePoint> *out,
                    QString *error) {
    out->clear();
    std::vector<core::RatePoint> pairs;
    std::map<long long, double> perSecond; // timestamps -> count per whole second
    int columns = 0;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList cells = line.split(QLatin1Char(','));
        QList<double> numbers;
        for (const QString &cell : cells) {
            bool ok = false;
            const double v = cell.trimmed().toDouble(&ok);
            if (!ok) {
                if (columns == 0 && numbers.isEmpty())
                    break; // header line
                *error = QStringLiteral("%1 line %2: '%3' is not a number")
                             .arg(fileName)
                             .arg(n + 1)
                             .arg(cell.trimmed());
                return false;
            }
            numbers.append(v);
        }
        if (numbers.isEmpty())
            continue;
        if (columns == 0)
            columns = int(numbers.size());
        if (numbers.size() != columns || columns > 2) {
            *error = QStringLiteral("%1 line %2: expected %3 column(s) (time_s,rate or one "
                                    "timestamp per line), found %4")
                         .arg(fileName)
                         .arg(n + 1)
                         .arg(std::min(columns, 2))
                         .arg(numbers.size());
            return false;
        }
        if (numbers[0] < 0 || !std::isfinite(numbers[0])
            || (columns == 2 && (numbers[1] < 0 || !std::isfinite(numbers[1])))) {
            *error = QStringLiteral("%1 line %2: times and rates must be 0 or more")
                         .arg(fileName)
                         .arg(n + 1);
            return false;
        }
        if (columns == 2) {
            if (!pairs.empty() && numbers[0] < pairs.back().tSeconds) {
                *error = QStringLiteral("%1 line %2: time %3 s goes backwards")
                             .arg(fileName)
                             .arg(n + 1)
                             .arg(numbers[0]);
                return false;
            }
            pairs.push_back({numbers[0], numbers[1]});
        } else {
            perSecond[static_cast<long long>(std::floor(numbers[0]))] += 1;
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
