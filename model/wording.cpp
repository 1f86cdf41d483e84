#include "model/wording.h"

namespace swb {

namespace {

// Letters whose spoken name starts with a vowel sound: A, E, F (eff), H (aitch), I, L (el),
// M (em), N (en), O, R (ar), S (ess), X (ex).
bool letterNameStartsWithVowel(QChar c)
{
    return QStringLiteral("AEFHILMNORSX").contains(c.toUpper());
}

bool isInitialism(const QString &word)
{
    if (word.size() < 2)
        return false;
    for (QChar c : word) {
        if (!c.isUpper() && !c.isDigit())
            return false;
    }
    return true;
}

} // namespace

QString withArticle(const QString &noun, bool capital)
{
    const QString word = noun.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('-'), 0, 0);
    bool an = false;
    if (isInitialism(word))
        an = letterNameStartsWithVowel(word.at(0));
    else if (!word.isEmpty())
        an = QStringLiteral("aeioAEIO").contains(word.at(0)); // "a unit", "a user": u left out
    const QString article = an ? QStringLiteral("an") : QStringLiteral("a");
    return (capital ? article.at(0).toUpper() + article.mid(1) : article) + QLatin1Char(' ') + noun;
}

QString counted(qint64 n, const QString &singular, const QString &plural)
{
    const QString noun = n == 1             ? singular
                         : plural.isEmpty() ? singular + QLatin1Char('s')
                                            : plural;
    return QString::number(n) + QLatin1Char(' ') + noun;
}

} // namespace swb
