#include "ui/icons.h"

#include "model/services/registry.h"

#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

namespace swb {

namespace {

// Family colours, matching the background of each SVG in resources/icons; declared by each
// service module.
QColor familyColor(ComponentKind kind) {
    return QColor(serviceModule(kind).familyColor);
}

QSvgRenderer *rendererFor(ComponentKind kind) {
    // One parsed renderer per kind for the life of the process (GUI thread only).
    static QHash<int, QSvgRenderer *> renderers;
    QSvgRenderer *&renderer = renderers[int(kind)];
    if (!renderer)
        renderer = new QSvgRenderer(iconResourcePath(kind));
    return renderer;
}

} // namespace

QString iconResourcePath(ComponentKind kind) {
    return QStringLiteral(":/icons/%1.svg").arg(componentKindId(kind));
}

QColor kindColor(ComponentKind kind) {
    return familyColor(kind);
}

void paintIcon(QPainter *painter, ComponentKind kind, const QRectF &rect) {
    QSvgRenderer *renderer = rendererFor(kind);
    if (renderer->isValid()) {
        renderer->render(painter, rect);
        return;
    }
    // A missing resource must not leave a hole: paint the family colour.
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(familyColor(kind));
    painter->drawRoundedRect(rect, rect.width() * 0.2, rect.height() * 0.2);
    painter->restore();
}

QPixmap pixmapFor(ComponentKind kind, int size, qreal devicePixelRatio) {
    // Painting a block asks for its icon at every repaint: render each size once.
    static QHash<quint64, QPixmap> cache;
    const int pixels = qMax(1, qRound(size * devicePixelRatio));
    const quint64 key = (quint64(kind) << 32) | quint64(pixels);
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    QPixmap pixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        paintIcon(&painter, kind, QRectF(0, 0, pixels, pixels));
    }
    pixmap.setDevicePixelRatio(devicePixelRatio);
    cache.insert(key, pixmap);
    return pixmap;
}

QIcon iconFor(ComponentKind kind) {
    static QHash<int, QIcon> icons;
    auto it = icons.constFind(int(kind));
    if (it != icons.cend())
        return *it;
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128})
        icon.addPixmap(pixmapFor(kind, size));
    icons.insert(int(kind), icon);
    return icon;
}

} // namespace swb
