using Senim.Law.Packs;

namespace Senim.Law.Tests.Support;

/// <summary>A small, complete pack written inline, so engine and loader tests do not depend on the real law.</summary>
internal static class MiniPack
{
    public const string Header = """
        pack:
          id: mini
          version: 1.0.0
          jurisdiction: XX
          title: {kk: Шағын, ru: Мини, en: Mini}
          act: {kk: Заң, ru: Закон, en: Act}
          in_force: 2026-01-18
          tier: mini.tier
          roles: mini.role
          prohibitions: mini.banned
          scope: mini.in_scope
        """;

    public const string Body = """
        sources:
          - id: L
            title: The act
        articles:
          - id: a1
            cite: {kk: 1-бап, ru: ст. 1, en: Art. 1}
            title: {kk: Ұғымдар, ru: Понятия, en: Concepts}
            status: T
            sources: [L]
          - id: a2
            cite: {kk: 2-бап, ru: ст. 2, en: Art. 2}
            title: {kk: Тәуекел, ru: Риск, en: Risk}
            status: T
            sources: [L]
        steps:
          - id: s1
            title: {kk: Қадам, ru: Шаг, en: Step}
        questions:
          - id: q.ai
            step: s1
            type: yes-no
            text: {kk: ЖИ ме?, ru: ИИ?, en: Is it AI?}
            articles: [a1]
            status: T
          - id: mini.role
            step: s1
            type: any-of
            text: {kk: Рөл, ru: Роль, en: Role}
            options:
              - {id: owner, text: {kk: Меншік иесі, ru: Собственник, en: Owner}}
              - {id: holder, text: {kk: Иеленуші, ru: Владелец, en: Holder}}
            ask_if: q.ai = yes
            articles: [a1]
            status: T
          - id: q.severe
            step: s1
            type: yes-no
            text: {kk: Ауыр ма?, ru: Тяжело?, en: Severe?}
            ask_if: q.ai = yes
            tags: [harm]
            articles: [a2]
            status: T
          - id: q.moderate
            step: s1
            type: yes-no
            text: {kk: Орташа ма?, ru: Средне?, en: Moderate?}
            ask_if: q.ai = yes
            tags: [harm]
            articles: [a2]
            status: T
          - id: q.bad
            step: s1
            type: any-of
            text: {kk: Тыйым, ru: Запрет, en: Banned uses}
            options:
              - {id: b1, text: {kk: Б1, ru: Б1, en: B1}}
              - {id: b2, text: {kk: Б2, ru: Б2, en: B2}}
            ask_if: q.ai = yes
            articles: [a2]
            status: T
          - id: q.review
            step: s1
            type: date
            text: {kk: Күні, ru: Дата, en: Last review}
            ask_if: mini.tier >= medium
            min: 2000-01-01
            max: at
            articles: [a2]
            status: T
        conclusions:
          - id: mini.in_scope
            type: flag
            title: {kk: Аясы, ru: Сфера, en: In scope}
            articles: [a1]
            status: T
          - id: mini.tier
            type: level
            title: {kk: Деңгей, ru: Уровень, en: Tier}
            values:
              - {id: low, text: {kk: Төмен, ru: Низкий, en: Low}}
              - {id: medium, text: {kk: Орта, ru: Средний, en: Medium}}
              - {id: high, text: {kk: Жоғары, ru: Высокий, en: High}, note: {kk: Ескерту, ru: Внимание, en: Take care}}
            default: low
            articles: [a2]
            status: T
          - id: mini.banned
            type: set
            title: {kk: Тыйым, ru: Запреты, en: Banned}
            values:
              - {id: B1, text: {kk: Б1, ru: Б1, en: B1}, exception: {kk: заңда, ru: в законе, en: where laws provide}}
              - {id: B2, text: {kk: Б2, ru: Б2, en: B2}}
            articles: [a2]
            status: T
          - id: mini.overdue
            type: flag
            title: {kk: Мерзімі өтті, ru: Просрочено, en: Review overdue}
            articles: [a2]
            status: T
        rules:
          - id: r.scope
            when: q.ai = yes
            conclusion: mini.in_scope
            because: {kk: ЖИ, ru: ИИ, en: It is AI}
            articles: [a1]
            status: T
          - id: r.high
            when: q.severe = yes
            conclusion: mini.tier
            value: high
            because: {kk: Ауыр, ru: Тяжело, en: Severe}
            articles: [a2]
            status: T
          - id: r.medium
            when: q.moderate = yes
            conclusion: mini.tier
            value: medium
            because: {kk: Орта, ru: Средне, en: Moderate}
            articles: [a2]
            status: T
          - id: r.b1
            when: q.bad has b1
            conclusion: mini.banned
            value: B1
            because: {kk: Б1, ru: Б1, en: B1}
            articles: [a2]
            status: T
          - id: r.b2
            when: q.bad has b2
            conclusion: mini.banned
            value: B2
            because: {kk: Б2, ru: Б2, en: B2}
            articles: [a2]
            status: T
          - id: r.overdue
            when: q.review < at - 12 months
            conclusion: mini.overdue
            because: {kk: Кеш, ru: Поздно, en: Late}
            articles: [a2]
            status: T
        obligations:
          - id: o.all
            title: {kk: Барлығы, ru: Всем, en: Everyone}
            text: {kk: Мәтін, ru: Текст, en: Text}
            roles: [owner, holder]
            effective: 2026-01-18
            articles: [a2]
            status: T
          - id: o.high
            title: {kk: Жоғары, ru: Высокий, en: High only}
            text: {kk: Мәтін, ru: Текст, en: Text}
            tiers: [high]
            effective: 2027-01-01
            articles: [a2]
            status: T
        documents:
          - id: d.sys
            title: {kk: Құжат, ru: Документ, en: System document}
            purpose: {kk: Мақсат, ru: Цель, en: Purpose}
            tiers: [medium, high]
            sections:
              - {id: purpose, title: {kk: Мақсат, ru: Цель, en: Purpose}}
            articles: [a2]
            status: S
        next_steps:
          - id: n.stop
            when: mini.banned has any
            text: {kk: Тоқтат, ru: Остановить, en: Stop}
            articles: [a2]
            status: T
          - id: n.out
            when: mini.in_scope = no
            text: {kk: Аядан тыс, ru: Вне сферы, en: Out of scope}
            articles: [a1]
            status: T
        """;

    public static LawLibrary Load(string? body = null, string? header = null) =>
        LawLibrary.FromFiles([("mini/pack.yaml", header ?? Header), ("mini/items.yaml", body ?? Body)]);
}
