#pragma once

#include "model/kinds.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>

class QPainter;
class QRectF;

namespace swb {

// Block icons: one SVG per kind in resources/icons/<componentKindId>.svg, drawn for this project
// (simple glyphs, not AWS's trademarked artwork), coloured by family: compute orange, application
// integration pink, API purple, streams violet, external grey.

QString iconResourcePath(ComponentKind kind); // ":/icons/lambda.svg"
QColor kindColor(ComponentKind kind);         // the family colour (block accents)
QIcon iconFor(ComponentKind kind);
// Rendered at size x size device pixels, cached; devicePixelRatio is set on the result.
QPixmap pixmapFor(ComponentKind kind, int size, qreal devicePixelRatio = 1.0);
// Paints the icon as vector art (diagram exports: SVG and PDF stay sharp at any zoom).
void paintIcon(QPainter *painter, ComponentKind kind, const QRectF &rect);

} // namespace swb
