#include "model/nearestname.h"

#include <algorithm>
#include <vector>

namespace swb {

namespace {

int editDistance(const QString &a, const QString &b)
{
    // Levenshtein over case-folded text, one row at a time.
    const QString x = a.toCaseFolded();
    const QString y = b.toCaseFolded();
    std::vector<int> row(std::size_t(y.size()) + 1);
    for (qsizetype j = 0; j <= y.size(); ++j)
        row[std::size_t(j)] = int(j);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const int above = row[std::size_t(j)];
            row[std::size_t(j)] = std::min({above + 1, row[std::size_t(j - 1)] + 1,
                                            diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[std::size_t(y.size())];
}

} // namespace

QString nearestName(const QString &word, const QStringList &candidates)
{
    // Long words (hostile input) are not compared: the cost is quadratic in their length.
    if (word.isEmpty() || word.size() > 200)
        return {};
    const int limit = std::max(2, int(word.size()) / 3);
    QString best;
    int bestDistance = limit + 1;
    for (const QString &candidate : candidates) {
        const int d = editDistance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

QString suggestionFor(const QString &word, const QStringList &candidates)
{
    const QString near = nearestName(word, candidates);
    if (!near.isEmpty())
        return QStringLiteral(" (did you mean '%1'?)").arg(near);
    return QStringLiteral(" (allowed: %1)")
        .arg(candidates.isEmpty() ? QStringLiteral("none") : candidates.join(QStringLiteral(", ")));
}

} // namespace swb
