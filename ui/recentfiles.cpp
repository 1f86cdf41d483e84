#include "ui/recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace swb {

namespace {

const QString kKey = QStringLiteral("recentFiles");

void store(const QStringList &list) {
    QSettings settings;
    settings.setValue(kKey, list);
}

} // namespace

QStringList RecentFiles::paths() {
    QSettings settings;
    return settings.value(kKey).toStringList();
}

void RecentFiles::add(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxCount)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path) {
    QStringList list = paths();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    list.removeAll(path);
    store(list);
}

void RecentFiles::clear() {
    store({});
}

} // namespace swb
