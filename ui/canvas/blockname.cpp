#include "ui/canvas/blockname.h"

#include <QFontMetricsF>
#include <QHash>

namespace swb::canvas {

namespace {

bool isSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('_')
           || c == QLatin1Char('.') || c == QLatin1Char('/') || c == QLatin1Char(':');
}

// Where a name may break, best first: after separators, then between camelCase words
// ("Order|Processing") and before digits. Positions count characters on the first line.
QList<int> breakPoints(const QString &name)
{
    QList<int> separators;
    QList<int> words;
    for (int i = 1; i < name.size(); ++i) {
        const QChar before = name.at(i - 1);
        const QChar here = name.at(i);
        if (isSeparator(before))
            separators.append(i);
        else if ((before.isLower() && here.isUpper()) || (before.isLetter() && here.isDigit()))
            words.append(i);
    }
    return separators + words;
}

} // namespace

const QFont &blockFont(int pixelSize, bool bold)
{
    static QHash<int, QFont> fonts;
    const int key = pixelSize * 2 + (bold ? 1 : 0);
    auto it = fonts.find(key);
    if (it == fonts.end()) {
        QFont font;
        font.setPixelSize(pixelSize);
        font.setBold(bold);
        font.setStyleStrategy(QFont::PreferNoShaping);
        it = fonts.insert(key, font);
    }
    return *it;
}

BlockNameLayout layoutBlockName(const QString &name, qreal width)
{
    // One line a size or two smaller reads better than two lines ("f2-aggregator", not "f2-" over
    // "aggregator").
    for (int px = kNamePx; px >= kOneLineMinPx; --px) {
        if (QFontMetricsF(blockFont(px, true)).horizontalAdvance(name) <= width)
            return {{name}, px, false};
    }
    const QList<int> points = breakPoints(name);
    for (int px = kNamePx - 1; px >= kNameMinPx; --px) {
        const QFontMetricsF metrics(blockFont(px, true));
        auto fits = [&](const QString &text) { return metrics.horizontalAdvance(text) <= width; };
        // Of the good break points, the one that fits with the longest first line (a balanced
        // pair reads as one name; "Step Functions" / "state machine").
        int best = -1;
        for (int at : points) {
            const QString first = name.left(at).trimmed();
            const QString second = name.mid(at).trimmed();
            if (!first.isEmpty() && !second.isEmpty() && fits(first) && fits(second)
                && (best < 0 || at > best))
                best = at;
        }
        if (best > 0)
            return {{name.left(best).trimmed(), name.mid(best).trimmed()}, px, false};
    }
    // No word break fits: as many characters as the first line takes at the smallest size.
    const QFontMetricsF small(blockFont(kNameMinPx, true));
    int fit = 0;
    while (fit < name.size() && small.horizontalAdvance(name.left(fit + 1)) <= width)
        ++fit;
    fit = qMax(1, fit);
    const QString rest = name.mid(fit);
    if (small.horizontalAdvance(rest) <= width)
        return {{name.left(fit), rest}, kNameMinPx, false};
    // The last resort: the second line elided, the first ending at a break point if one is in
    // its second half.
    int cut = fit;
    for (int at : points) {
        if (at <= fit && at > fit / 2 && (cut == fit || at > cut))
            cut = at;
    }
    return {{name.left(cut).trimmed(),
             small.elidedText(name.mid(cut).trimmed(), Qt::ElideRight, width)},
            kNameMinPx,
            true};
}

} // namespace swb::canvas
