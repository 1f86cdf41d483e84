#pragma once
// One declaration per parameter list, expanded three ways: the ParamSpec list the catalogue,
// inspector and file formats read; a struct of typed fields that code reads values through
// (defaults = AWS defaults); and typed key constants for code that writes one parameter.
//
// A service's header declares its list as a macro taking five entry macros:
//   INT(key, "Name", "unit", default, min, max, unsetName, "help")
//   REAL(key, "Name", "unit", default, min, max, unsetName, "help")
//   FLAG(key, "Name", default, "help")
//   CHOICE(key, EnumType, "Name", "help")       default: the enum's first value
//   TEXT(key, "Name", "help")
// A key that is a C++ keyword gets a trailing underscore as its field name (catch_ -> "catch").
// unsetName is nullptr, or the name of the "not set" value -1 ("unreserved", "no limit"), which
// the inspector shows instead of the number.
//
// Header:  #define SWB_FOO_PARAMS(INT, REAL, FLAG, CHOICE, TEXT) INT(memory, ...) ...
//          struct Params { SWB_PARAM_FIELDS(SWB_FOO_PARAMS)
//                          static Params of(const QVariantMap &); };
//          namespace key { SWB_PARAM_KEYS(SWB_FOO_PARAMS) }
// Source:  SWB_PARAM_READER(Params, SWB_FOO_PARAMS)
//          ... return SWB_PARAM_SPECS(SWB_FOO_PARAMS); (the ParamSpec list)

#include "model/parameter.h"

#include <QVariantMap>

#include <iterator>
#include <type_traits>

namespace swb {

// Texts of a choice enum, in enum order; specialise with SWB_CHOICE_TEXTS.
template<typename E>
struct ChoiceTexts;

#define SWB_CHOICE_TEXTS(Enum, ...)                                                                \
    template<>                                                                                     \
    struct ChoiceTexts<Enum> {                                                                     \
        static constexpr const char *texts[] = {__VA_ARGS__};                                      \
    }

template<typename E>
QString choiceText(E value)
{
    return QLatin1String(ChoiceTexts<E>::texts[static_cast<int>(value)]);
}

template<typename E>
QStringList choiceTexts()
{
    QStringList out;
    for (const char *text : ChoiceTexts<E>::texts)
        out.append(QLatin1String(text));
    return out;
}

// The enum value a stored text names; a text no choice names (only possible in unchecked data)
// reads as the first choice, the default.
template<typename E>
E choiceOf(const QVariant &value)
{
    const QString text = value.toString();
    for (std::size_t i = 0; i < std::size(ChoiceTexts<E>::texts); ++i)
        if (text == QLatin1String(ChoiceTexts<E>::texts[i]))
            return static_cast<E>(i);
    return static_cast<E>(0);
}

// The stored key of a declared field name: the name less a trailing underscore.
inline QString paramKeyText(const char *fieldName)
{
    QLatin1String name(fieldName);
    if (name.endsWith(QLatin1Char('_')))
        name.chop(1);
    return name;
}

// A parameter's key with its value type: T is qlonglong, double, bool, QString or a choice enum.
template<typename T>
struct ParamKey {
    const char *name;
    QString text() const { return paramKeyText(name); }
    operator QString() const { return text(); }
};

// A value as stored for a key of type T (a choice as its text).
template<typename T>
QVariant storedValue(const T &value)
{
    if constexpr (std::is_enum_v<T>)
        return choiceText(value);
    else
        return QVariant::fromValue(value);
}

// One parameter and its value, checked against the key's type when written: {lambda::key::memory,
// 512}, {sqs::key::type, sqs::QueueType::Fifo}. For code that sets parameters (bundled patterns,
// importers) through the Document.
struct ParamSetting {
    QString key;
    QVariant value;

    template<typename T, typename V>
    requires(std::is_convertible_v<V, T> && !(std::is_floating_point_v<V> && std::is_integral_v<T>))
        ParamSetting(ParamKey<T> k, V v)
        : key(k.text())
        , value(storedValue(T(v)))
    {}
};

// Values as stored (normalised by normalizeValue) into typed fields; a missing key keeps the
// field's default.
namespace paramdecl {

inline void read(const QVariantMap &p, const char *key, qlonglong *out)
{
    const auto it = p.constFind(paramKeyText(key));
    if (it != p.cend())
        *out = it->toLongLong();
}

inline void read(const QVariantMap &p, const char *key, double *out)
{
    const auto it = p.constFind(paramKeyText(key));
    if (it != p.cend())
        *out = it->toDouble();
}

inline void read(const QVariantMap &p, const char *key, bool *out)
{
    const auto it = p.constFind(paramKeyText(key));
    if (it != p.cend())
        *out = it->toBool();
}

inline void read(const QVariantMap &p, const char *key, QString *out)
{
    const auto it = p.constFind(paramKeyText(key));
    if (it != p.cend())
        *out = it->toString();
}

template<typename E>
void read(const QVariantMap &p, const char *key, E *out)
{
    const auto it = p.constFind(paramKeyText(key));
    if (it != p.cend())
        *out = choiceOf<E>(*it);
}

ParamSpec integer(const char *key, const char *name, const char *unit, qlonglong def, double min,
                  double max, const char *unsetName, const char *help);
ParamSpec real(const char *key, const char *name, const char *unit, double def, double min,
               double max, const char *unsetName, const char *help);
ParamSpec flag(const char *key, const char *name, bool def, const char *help);
ParamSpec choice(const char *key, const char *name, QStringList choices, const char *help);
ParamSpec text(const char *key, const char *name, const char *help);

void setAppliesWhen(QList<ParamSpec> &specs, const QString &key, const QString &controller,
                    const QStringList &values);

// Marks key as taking effect only while the choice controller holds one of values
// (ParamSpec::appliesWhenKey): appliesWhen(specs, key::peakHour, key::pattern, {Pattern::Diurnal}).
template<typename T, typename E>
void appliesWhen(QList<ParamSpec> &specs, ParamKey<T> key, ParamKey<E> controller,
                 std::initializer_list<E> values)
{
    QStringList texts;
    for (E value : values)
        texts.append(choiceText(value));
    setAppliesWhen(specs, key.text(), controller.text(), texts);
}

} // namespace paramdecl

// Struct fields.
#define SWB_PD_FIELD_INT(k, name, unit, def, min, max, unset, help) qlonglong k = def;
#define SWB_PD_FIELD_REAL(k, name, unit, def, min, max, unset, help) double k = def;
#define SWB_PD_FIELD_FLAG(k, name, def, help) bool k = def;
#define SWB_PD_FIELD_CHOICE(k, E, name, help) E k = static_cast<E>(0);
#define SWB_PD_FIELD_TEXT(k, name, help) QString k;
#define SWB_PARAM_FIELDS(LIST)                                                                     \
    LIST(SWB_PD_FIELD_INT, SWB_PD_FIELD_REAL, SWB_PD_FIELD_FLAG, SWB_PD_FIELD_CHOICE,              \
         SWB_PD_FIELD_TEXT)

// Typed keys.
#define SWB_PD_KEY_INT(k, ...) inline constexpr ParamKey<qlonglong> k{#k};
#define SWB_PD_KEY_REAL(k, ...) inline constexpr ParamKey<double> k{#k};
#define SWB_PD_KEY_FLAG(k, ...) inline constexpr ParamKey<bool> k{#k};
#define SWB_PD_KEY_CHOICE(k, E, ...) inline constexpr ParamKey<E> k{#k};
#define SWB_PD_KEY_TEXT(k, ...) inline constexpr ParamKey<QString> k{#k};
#define SWB_PARAM_KEYS(LIST)                                                                       \
    LIST(SWB_PD_KEY_INT, SWB_PD_KEY_REAL, SWB_PD_KEY_FLAG, SWB_PD_KEY_CHOICE, SWB_PD_KEY_TEXT)

// Reader: Struct Struct::of(const QVariantMap &).
#define SWB_PD_READ_ANY(k, ...) paramdecl::read(p, #k, &out.k);
#define SWB_PARAM_READER(Struct, LIST)                                                             \
    Struct Struct::of(const QVariantMap &p)                                                        \
    {                                                                                              \
        Struct out;                                                                                \
        LIST(SWB_PD_READ_ANY, SWB_PD_READ_ANY, SWB_PD_READ_ANY, SWB_PD_READ_ANY, SWB_PD_READ_ANY)  \
        return out;                                                                                \
    }

// Spec list.
#define SWB_PD_SPEC_INT(k, name, unit, def, min, max, unset, help)                                 \
    paramdecl::integer(#k, name, unit, def, min, max, unset, help),
#define SWB_PD_SPEC_REAL(k, name, unit, def, min, max, unset, help)                                \
    paramdecl::real(#k, name, unit, def, min, max, unset, help),
#define SWB_PD_SPEC_FLAG(k, name, def, help) paramdecl::flag(#k, name, def, help),
#define SWB_PD_SPEC_CHOICE(k, E, name, help) paramdecl::choice(#k, name, choiceTexts<E>(), help),
#define SWB_PD_SPEC_TEXT(k, name, help) paramdecl::text(#k, name, help),
#define SWB_PARAM_SPECS(LIST)                                                                      \
    QList<ParamSpec>                                                                               \
    {                                                                                              \
        LIST(SWB_PD_SPEC_INT, SWB_PD_SPEC_REAL, SWB_PD_SPEC_FLAG, SWB_PD_SPEC_CHOICE,              \
             SWB_PD_SPEC_TEXT)                                                                     \
    }

} // namespace swb
