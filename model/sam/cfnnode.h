#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace swb::sam {

// One node of a CloudFormation template as written: maps keep their key order and short tags
// (!Ref, !GetAtt, !Sub...) are kept, so a template can be re-emitted without losing what the user
// wrote. yaml-cpp's own nodes stay inside the .cpp files (it is a private dependency).
struct CfnNode {
    enum class Type { Null, Scalar, Sequence, Map };

    Type type = Type::Null;
    QString tag;         // short tag without the '!' ("Ref", "GetAtt"); empty when untagged
    QString scalar;      // Scalar: the text
    bool quoted = false; // Scalar: written quoted, i.e. a string even if it looks like a number
    std::vector<CfnNode> items;                       // Sequence
    std::vector<std::pair<QString, CfnNode>> entries; // Map, in file order

    static CfnNode makeString(const QString &text); // quoted when it would read as a non-string
    static CfnNode makeNumber(double value);
    static CfnNode makeInteger(qlonglong value);
    static CfnNode makeBool(bool value);
    static CfnNode makeMap()
    {
        CfnNode n;
        n.type = Type::Map;
        return n;
    }
    static CfnNode makeSequence()
    {
        CfnNode n;
        n.type = Type::Sequence;
        return n;
    }
    static CfnNode makeTagged(const QString &tag, const CfnNode &value);

    bool isNull() const { return type == Type::Null; }
    bool isScalar() const { return type == Type::Scalar; }
    bool isMap() const { return type == Type::Map; }
    bool isSequence() const { return type == Type::Sequence; }

    // Map access; nullptr when absent or when this is not a map.
    const CfnNode *get(const QString &key) const;
    CfnNode *get(const QString &key);
    // Follows a dotted path of map keys ("ScalingConfig.MaximumConcurrency").
    const CfnNode *path(const QString &dotted) const;
    void set(const QString &key, const CfnNode &value); // replaces in place or appends
    bool remove(const QString &key);
    bool removePath(const QString &dotted); // removes the leaf, then parents left empty
    void setPath(const QString &dotted, const CfnNode &value);

    bool operator==(const CfnNode &) const = default;
};

// An intrinsic function call in either spelling: short tag (!GetAtt X.Arn) or long form
// ({"Fn::GetAtt": ["X", "Arn"]}). name is the long name without "Fn::" ("Ref", "GetAtt", "Sub").
struct Intrinsic {
    QString name;
    const CfnNode *argument = nullptr;
};
bool asIntrinsic(const CfnNode &node, Intrinsic *out);

// Logical ids (or "AWS::..." pseudo parameters) a node refers to through Ref, GetAtt and the
// ${...} placeholders of Sub, anywhere inside it. Order of first appearance, no duplicates.
QStringList referencedNames(const CfnNode &node);

// The ${Name} / ${Name.Attr} placeholders of a Sub string (without ${!Literal}).
QStringList subPlaceholders(const QString &text);

} // namespace swb::sam
