#pragma once
// Suggestions for a misspelt key or name, as every reader words them: "did you mean 'params'?".

#include <QString>
#include <QStringList>

namespace swb {

// The candidate closest to word (edit distance, ignoring case), if it is close enough to be a
// plausible typo: at most 2 edits, or a third of the word's length for longer words. Empty
// otherwise.
QString nearestName(const QString &word, const QStringList &candidates);

// " (did you mean 'params'?)" or " (allowed: a, b, c)" when nothing is close; what follows a
// refusal of an unknown key.
QString suggestionFor(const QString &word, const QStringList &candidates);

} // namespace swb
