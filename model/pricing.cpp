#include "model/pricing.h"

#include "model/services/billing.h"
#include "model/checkednumbers.h"
#include "model/referencedfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

// The resource library is static; make sure its initialiser is linked and run before the first
// lookup of ":/pricing/...".
static void initPricingResources()
{
    Q_INIT_RESOURCE(swb_resources);
}

namespace swb {

namespace {

// The largest quantity (units per month, tier bound, free allowance) a catalogue may name.
constexpr double kMaxQuantity = 1e18;

// Collects the first error with the file and the JSON path of the offending item.
class Reader
{
public:
    explicit Reader(const QString &origin)
        : m_origin(origin)
    {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &path, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("pricing catalogue %1: %2: %3").arg(m_origin, path, what);
    }

    QString string(const QJsonObject &o, const QString &path, const char *key, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            fail(path + QLatin1Char('.') + QLatin1String(key),
                 v.isUndefined() ? QStringLiteral("missing (a non-empty string is required)")
                                 : QStringLiteral("must be a non-empty string"));
            return {};
        }
        return v.toString();
    }

    // A finite number in [minimum, maximum] (above minimum when strictlyAbove); absent optional
    // numbers give fallback. The bounds keep every price computed from the catalogue finite
    // (checkednumbers.h): a price of 1e308 or a "per" of 1e-300 once made a bill infinite.
    double number(const QJsonObject &o, const QString &path, const char *key, bool required,
                  double minimum, double fallback = 0, bool strictlyAbove = false,
                  double maximum = kMaxQuantity)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined() && !required)
            return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(where, v.isUndefined() ? QStringLiteral("missing (a number is required)")
                                        : QStringLiteral("must be a number"));
            return fallback;
        }
        const double d = v.toDouble();
        if (strictlyAbove && !(d > minimum)) {
            fail(where, QStringLiteral("%1 is not allowed (must be above %2)").arg(d).arg(minimum));
            return fallback;
        }
        QString why;
        if (!checked::real(d, minimum, maximum, where, &why)) {
            if (m_error.isEmpty())
                m_error = QStringLiteral("pricing catalogue %1: %2").arg(m_origin, why);
            return fallback;
        }
        return d;
    }

private:
    QString m_origin;
    QString m_error;
};

QList<PriceTier> readTiers(Reader &r, const QJsonObject &o, const QString &path)
{
    QList<PriceTier> tiers;
    const QString where = path + QStringLiteral(".tiers");
    const QJsonValue v = o.value(QLatin1String("tiers"));
    if (!v.isArray() || v.toArray().isEmpty()) {
        r.fail(where, QStringLiteral("missing or empty (an array of {\"upTo\": number or null, "
                                     "\"price\": number} is required)"));
        return tiers;
    }
    const QJsonArray array = v.toArray();
    double previous = 0;
    for (qsizetype i = 0; i < array.size() && !r.failed(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(where).arg(i);
        if (!array.at(i).isObject()) {
            r.fail(at, QStringLiteral("must be an object {\"upTo\", \"price\"}"));
            break;
        }
        const QJsonObject t = array.at(i).toObject();
        PriceTier tier;
        tier.price = r.number(t, at, "price", true, 0, 0, false, checked::kMaxUsd);
        const QJsonValue upTo = t.value(QLatin1String("upTo"));
        const bool last = i == array.size() - 1;
        if (upTo.isNull() || upTo.isUndefined()) {
            if (!last)
                r.fail(at + QStringLiteral(".upTo"),
                       QStringLiteral("only the last tier may be unbounded (null)"));
        } else {
            tier.upTo = r.number(t, at, "upTo", true, previous, 0, true);
            if (last && !r.failed())
                r.fail(at + QStringLiteral(".upTo"),
                       QStringLiteral("the last tier must be unbounded (null)"));
        }
        previous = tier.upTo;
        tiers.append(tier);
    }
    return tiers;
}

FreeTier readFreeTier(Reader &r, const QJsonObject &o, const QString &path, const QString &fallback)
{
    FreeTier free;
    const QJsonValue v = o.value(QLatin1String("freeTier"));
    if (v.isUndefined() || v.isNull())
        return free;
    const QString where = path + QStringLiteral(".freeTier");
    if (!v.isObject()) {
        r.fail(where, QStringLiteral("must be an object {\"quantity\", \"term\", \"pool\"}"));
        return free;
    }
    const QJsonObject f = v.toObject();
    free.quantity = r.number(f, where, "quantity", true, 0);
    const QString term = r.string(f, where, "term", true);
    if (term == QLatin1String("always"))
        free.term = FreeTierTerm::Always;
    else if (term == QLatin1String("12-months"))
        free.term = FreeTierTerm::TwelveMonths;
    else if (!r.failed())
        r.fail(where + QStringLiteral(".term"),
               QStringLiteral("'%1' is not allowed (always or 12-months)").arg(term));
    free.pool = r.string(f, where, "pool", false);
    if (free.pool.isEmpty())
        free.pool = fallback;
    return free;
}

PriceDimension readDimension(Reader &r, const QJsonObject &o, const QString &path,
                             const QString &service, const QString &id)
{
    PriceDimension d;
    d.service = service;
    d.id = id;
    d.name = r.string(o, path, "name", true);
    d.unit = r.string(o, path, "unit", true);
    d.per = r.number(o, path, "per", false, 1e-3, 1, false, 1e12);
    d.tiers = readTiers(r, o, path);
    d.freeTier = readFreeTier(r, o, path, service + QLatin1Char('/') + id);
    d.source = r.string(o, path, "source", true);
    d.confidence = r.string(o, path, "confidence", true);
    if (!r.failed() && d.confidence != QLatin1String("verified")
        && d.confidence != QLatin1String("secondary") && d.confidence != QLatin1String("derived"))
        r.fail(path + QStringLiteral(".confidence"),
               QStringLiteral("'%1' is not allowed (verified, secondary or derived)")
                   .arg(d.confidence));
    d.chunkKB = r.number(o, path, "chunkKB", false, 0, 0, true, 1e9);
    d.roundingMs = r.number(o, path, "roundingMs", false, 0, 0, true, 1e9);
    d.memoryChunkMB = r.number(o, path, "memoryChunkMB", false, 0, 0, true, 1e9);
    d.roundUpKB = r.number(o, path, "roundUpKB", false, 0, 0, true, 1e9);
    d.batchLimit = r.number(o, path, "batchLimit", false, 1, 0, false, 1e6);
    d.fixedPerExecution = r.number(o, path, "fixedPerExecution", false, 0, 0, false, 1e6);
    return d;
}

QString compact(double value)
{
    if (value >= 1e9 && std::fmod(value, 1e9) == 0)
        return QStringLiteral("%1B").arg(value / 1e9);
    if (value >= 1e6 && std::fmod(value, 1e6) == 0)
        return QStringLiteral("%1M").arg(value / 1e6);
    if (value >= 1e3 && std::fmod(value, 1e3) == 0)
        return QStringLiteral("%1K").arg(value / 1e3);
    return QString::number(value, 'g', 12);
}

} // namespace

double PriceDimension::costOfRange(double from, double to) const
{
    double cost = 0;
    double lower = 0;
    for (const PriceTier &tier : tiers) {
        const double a = std::max(from, lower);
        const double b = std::min(to, tier.upTo);
        if (b > a)
            cost += (b - a) * tier.price / per;
        lower = tier.upTo;
        if (lower >= to)
            break;
    }
    return cost;
}

QString PriceDimension::priceText() const
{
    const QString perText = per == 1 ? unit : QStringLiteral("%1 %2").arg(compact(per), unit);
    auto price = [](double p) { return formatUnitPrice(p); };
    if (tiers.size() == 1)
        return QStringLiteral("%1 per %2").arg(price(tiers.first().price), perText);
    QStringList steps;
    double lower = 0;
    for (const PriceTier &tier : tiers) {
        steps.append(std::isinf(tier.upTo)
                         ? QStringLiteral("%1 over %2").arg(price(tier.price), compact(lower))
                         : QStringLiteral("%1 to %2").arg(price(tier.price), compact(tier.upTo)));
        lower = tier.upTo;
    }
    return QStringLiteral("per %1: %2").arg(perText, steps.join(QStringLiteral(", ")));
}

QString formatUnitPrice(double usd)
{
    QString text = QString::number(usd, 'f', 10);
    while (text.endsWith(QLatin1Char('0')) && text.indexOf(QLatin1Char('.')) < text.size() - 3)
        text.chop(1);
    return QLatin1Char('$') + text;
}

double meteredChunks(double payloadKB, double chunkKB)
{
    if (!(chunkKB > 0))
        return 1;
    return std::max(1.0, std::ceil(payloadKB / chunkKB - 1e-9));
}

std::optional<PricingCatalogue> PricingCatalogue::load(const QString &path, QString *error)
{
    if (path.startsWith(QLatin1String(":/"))) {
        static const bool registered = (initPricingResources(), true);
        Q_UNUSED(registered);
    }
    QByteArray json;
    if (path.startsWith(QLatin1String(":/"))) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            json = file.readAll();
    } else {
        // A user's replacement file: a regular file of at most 16 MB (referencedfile.h).
        QString why;
        if (!readRegularFile(path, 16LL * 1024 * 1024, &json, &why)) {
            if (error)
                *error = QStringLiteral("pricing catalogue %1: cannot be read: %2").arg(path, why);
            return std::nullopt;
        }
    }
    return fromJson(json, path, error);
}

std::optional<PricingCatalogue> PricingCatalogue::fromJson(const QByteArray &json,
                                                           const QString &origin, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    Reader r(origin);
    if (parseError.error != QJsonParseError::NoError) {
        r.fail(QStringLiteral("offset %1").arg(parseError.offset),
               QStringLiteral("not valid JSON (%1)").arg(parseError.errorString()));
    } else if (!doc.isObject()) {
        r.fail(QStringLiteral("(top level)"), QStringLiteral("must be a JSON object"));
    }
    PricingCatalogue cat;
    cat.origin = origin;
    const QJsonObject root = doc.object();
    if (!r.failed()
        && root.value(QLatin1String("format")).toString() != QLatin1String("swb-pricing"))
        r.fail(QStringLiteral("format"), QStringLiteral("must be \"swb-pricing\" (is this a "
                                                        "Serverless Workbench price list?)"));
    if (!r.failed()) {
        cat.region = r.string(root, QStringLiteral("$"), "region", true);
        cat.currency = r.string(root, QStringLiteral("$"), "currency", true);
        cat.date = r.string(root, QStringLiteral("$"), "date", true);
        cat.hoursPerMonth =
            r.number(root, QStringLiteral("$"), "hoursPerMonth", false, 0, 730, true, 744);
    }
    const QJsonObject services = root.value(QLatin1String("services")).toObject();
    if (!r.failed() && services.isEmpty())
        r.fail(QStringLiteral("services"), QStringLiteral("missing or empty"));
    for (auto s = services.begin(); s != services.end() && !r.failed(); ++s) {
        const QString spath = QStringLiteral("services.") + s.key();
        const QJsonObject service = s.value().toObject();
        if (!s.value().isObject()) {
            r.fail(spath, QStringLiteral("must be an object"));
            break;
        }
        cat.m_serviceNames.append({s.key(), r.string(service, spath, "name", true)});
        const QJsonObject dims = service.value(QLatin1String("dimensions")).toObject();
        for (auto d = dims.begin(); d != dims.end() && !r.failed(); ++d) {
            const QString dpath = spath + QStringLiteral(".dimensions.") + d.key();
            if (!d.value().isObject()) {
                r.fail(dpath, QStringLiteral("must be an object"));
                break;
            }
            cat.dimensions.append(readDimension(r, d.value().toObject(), dpath, s.key(), d.key()));
        }
    }
    for (const auto &[service, id] : requiredDimensions()) {
        if (!r.failed() && !cat.dimension(service, id))
            r.fail(QStringLiteral("services.%1.dimensions.%2").arg(service, id),
                   QStringLiteral("missing (the cost model prices this dimension)"));
    }
    if (r.failed()) {
        if (error)
            *error = r.error();
        return std::nullopt;
    }
    return cat;
}

const PricingCatalogue &PricingCatalogue::builtIn()
{
    static const PricingCatalogue catalogue = [] {
        QString error;
        std::optional<PricingCatalogue> c = load(QLatin1String(BuiltInPath), &error);
        if (!c)
            qFatal("%s", qPrintable(error));
        return *c;
    }();
    return catalogue;
}

QList<QPair<QString, QString>> PricingCatalogue::requiredDimensions()
{
    // Declared by the service modules with their billing rules (model/services/billing.h).
    return usage::declaredDimensions(true);
}

const PriceDimension *PricingCatalogue::dimension(const QString &service, const QString &id) const
{
    for (const PriceDimension &d : dimensions) {
        if (d.service == service && d.id == id)
            return &d;
    }
    return nullptr;
}

QString PricingCatalogue::serviceName(const QString &service) const
{
    for (const auto &[id, name] : m_serviceNames) {
        if (id == service)
            return name;
    }
    return service;
}

} // namespace swb
