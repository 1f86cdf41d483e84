#include "ui/icons.h"

namespace swb {

// Temporary skeleton so the API links; the implementation follows.
QString iconResourcePath(ComponentKind kind) {
    return QStringLiteral(":/icons/%1.svg").arg(componentKindId(kind));
}
QColor kindColor(ComponentKind) {
    return QColor(128, 128, 128);
}
QIcon iconFor(ComponentKind kind) {
    return QIcon(iconResourcePath(kind));
}
QPixmap pixmapFor(ComponentKind kind, int size, qreal) {
    return iconFor(kind).pixmap(size);
}

} // namespace swb
