{#-
    Page content is checked where it enters the warehouse, row by row, and routed instead of failing the build
    (README, "Data quality"): a staging model keeps every row and says in `rejected_reason` why a row cannot be
    used (null when it can); the models after it read the rows with no reason, and `parse_errors` lists the
    others with the reason. Each rule looks at its own row only, so a page can never cost more than its own rows.

    required:    columns that must hold a value (null, empty or only spaces -> "<column> is blank")
    ranges:      {column: [min, max]} as SQL literals, either bound may be none ("<column> out of range: value")
    accepted:    {column: [values]} for codes ("<column> not accepted: value"); null or blank passes (see required)
    ordered:     [[first, second]]: second must not be before first ("<second> before <first>")
-#}
{% macro rejected_reason(required=[], ranges={}, accepted={}, ordered=[]) -%}
    nullif(concat_ws('; '
    {%- for column in required %},
        case
            when {{ column }} is null or regexp_full_match(cast({{ column }} as varchar), '[\s\pZ]*')
                then '{{ column }} is blank'
        end
    {%- endfor %}
    {%- for column, bounds in ranges.items() %},
        case
            when
                false
                {%- if bounds[0] is not none %} or {{ column }} < {{ bounds[0] }}{% endif %}
                {%- if bounds[1] is not none %} or {{ column }} > {{ bounds[1] }}{% endif %}
                then '{{ column }} out of range: ' || cast({{ column }} as varchar)
        end
    {%- endfor %}
    {%- for column, values in accepted.items() %},
        case
            when {{ column }} not in ({{ sql_list(values) }}) and not regexp_full_match({{ column }}, '[\s\pZ]*')
                then '{{ column }} not accepted: ' || {{ column }}
        end
    {%- endfor %}
    {%- for first, second in ordered %},
        case when {{ second }} < {{ first }} then '{{ second }} before {{ first }}' end
    {%- endfor %}
    ), '')
{%- endmacro %}


{#- An optional text column: empty or only spaces is no value (null), so no later model sees a blank one. -#}
{% macro blank_as_null(column) -%}
    case when regexp_full_match({{ column }}, '[\s\pZ]*') then null else {{ column }} end
{%- endmacro %}


{#- Date bounds shared by the rules: a date outside them is a reading error, not a fact. -#}
{% macro date_range() -%}
    {{ return(["date '1900-01-01'", "date '2100-12-31'"]) }}
{%- endmacro %}


{#-
    Page kinds a parser may give a document. Content kinds carry what a page is about, and one of them is
    the current vintage of its URL even when a later capture parsed into another kind (a listing, a login
    wall's partial page, an error page): see int_captures__status.
-#}
{% macro content_page_kinds() -%}
    {{ return(['article', 'legal_act', 'legal_act_card', 'legal_act_info', 'report', 'statistics']) }}
{%- endmacro %}

{% macro other_page_kinds() -%}
    {{ return(['listing', 'partial']) }}
{%- endmacro %}


{#- Values as a SQL list of string literals: ['a', 'b'] -> 'a', 'b' (for `in (...)`). -#}
{% macro sql_list(values) -%}
    {%- for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor -%}
{%- endmacro %}
