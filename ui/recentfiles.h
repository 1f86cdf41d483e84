#pragma once

#include <QStringList>

namespace swb {

// The Open Recent list, most recent first, kept in QSettings so every window and the next
// session share it. Read on every call: another window may have changed it.
class RecentFiles {
public:
    static constexpr int MaxCount = 10;

    static QStringList paths();
    // Moves (or inserts) the path to the front; the list keeps at most MaxCount entries.
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
};

} // namespace swb
