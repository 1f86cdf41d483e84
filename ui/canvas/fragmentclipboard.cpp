#include "ui/canvas/fragmentclipboard.h"

#include "model/designjson.h"
#include "ui/canvas/mimetypes.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QMimeData>

namespace swb::fragmentclipboard {

Design makeFragment(const Design &design, const QList<ComponentId> &components)
{
    Design fragment;
    fragment.name = design.name;
    fragment.settings = design.settings;
    fragment.nextId = design.nextId;
    for (ComponentId id : components) {
        if (const Component *c = design.component(id))
            fragment.components.insert(id, *c);
    }
    for (const Connection &wire : design.connections) {
        if (fragment.components.contains(wire.source) && fragment.components.contains(wire.target))
            fragment.connections.insert(wire.id, wire);
    }
    for (const Fault &fault : design.faults) { // on a copied block, or on a copied wire
        if (fragment.components.contains(fault.target)
            || fragment.connections.contains(fault.target))
            fragment.faults.insert(fault.id, fault);
    }
    return fragment;
}

QMimeData *toMimeData(const Design &fragment)
{
    const QByteArray json = QJsonDocument(designToJson(fragment)).toJson(QJsonDocument::Compact);
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(kDesignFragmentMime), json);
    mime->setText(QString::fromUtf8(json));
    return mime;
}

std::optional<Design> fromMimeData(const QMimeData *mime, QString *error)
{
    if (!mime || !mime->hasFormat(QLatin1String(kDesignFragmentMime)))
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument json =
        QJsonDocument::fromJson(mime->data(QLatin1String(kDesignFragmentMime)), &parseError);
    if (json.isNull() || !json.isObject()) {
        if (error)
            *error = QStringLiteral("Paste: the clipboard's blocks are not valid JSON (%1 at "
                                    "offset %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return std::nullopt;
    }
    Design fragment;
    QString why;
    if (!designFromJson(json.object(), &fragment, &why)) {
        if (error)
            *error = QStringLiteral("Paste: %1").arg(why);
        return std::nullopt;
    }
    return fragment;
}

void copy(const Design &fragment)
{
    QGuiApplication::clipboard()->setMimeData(toMimeData(fragment));
}

std::optional<Design> paste(QString *error)
{
    return fromMimeData(QGuiApplication::clipboard()->mimeData(), error);
}

} // namespace swb::fragmentclipboard
