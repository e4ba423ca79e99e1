"""Stage `actors`: mentions of people, countries and groups -> coded actors.

One pass over the parsed article, in this order; each step reads the
article's `ArticleInputs` and adds to the `FoundMentions` the earlier steps
left, never claiming a token already taken:

0. `set_aside_dateline` (`datelines`): the dateline ("MANILA --") is where
   the report was filed, no actor; its tokens are claimed for no mention.
1. `read_inputs` looks the knowledge base up over token spans, longest
   match first (`names`): what each stretch can name.
2. `find_people` (`people`): known names, PERSON entities and names after a
   title, with their titles, nationality and apposition, coded by the office
   held on the article's date; `unify_people` lets every mention of one
   person share what any of them told.
3. `find_regional_groups` (`blocs`): groups of countries named by their
   region ("Arab states", "European leaders"), coded by the region.
   `find_parties` (`parties`): political parties by name ("the GOP") or by
   their members ("Republicans", "Senate Democrats" as legislators).
   `find_groups` (`groups`): groups and bodies headed by a role noun; role
   descriptions ("the Russian president") go to `descriptions`.
4. `find_places_and_organisations` (`countries`): countries, IGOs, armed
   groups and NGOs, seats of government and capitals used as actors, "the
   North"/"the South".
5. `find_other_organisations` (`groups`): ORG and plural NORP entities the
   knowledge base does not list. `find_region_names` (`blocs`): a region
   named alone for its countries ("Europe" EUR, "the West" WST), once the
   longer names holding one ("the Council of Europe") are taken.
6. `find_national_things` (`nationals`): a thing a nationality adjective
   still free modifies stands for its country ("seized a Turkish ship").
7. `find_untagged_names` (`untagged`): a capitalised proper noun the
   entity tagger missed, in an argument slot, is a named actor with no code.
8. `share_party_countries` (`parties`): an actor known by its role alone,
   coordinated with a party of one country, is of that country ("the MDC
   and opposition leader X").
   `code_state_roles_by_article` (`article_country`): a state body known by
   its role alone ("the Senate") takes the article's country when one
   clearly dominates its coded mentions.
9. `resolve_pronouns` (`pronouns`): to the nearest compatible earlier
   actor, or nothing when more than one would fit.

Mentions never overlap: each token belongs to at most one mention.
"""

from __future__ import annotations

from dossier.actors.article_country import code_state_roles_by_article
from dossier.actors.blocs import find_region_names, find_regional_groups
from dossier.actors.countries import find_places_and_organisations
from dossier.actors.datelines import set_aside_dateline
from dossier.actors.groups import find_groups, find_other_organisations
from dossier.actors.knowledge import KnowledgeBase, knowledge_base
from dossier.actors.mentions import to_mentions
from dossier.actors.nationals import find_national_things
from dossier.actors.parties import find_parties, share_party_countries
from dossier.actors.people import find_people, unify_people
from dossier.actors.pronouns import resolve_pronouns
from dossier.actors.state import FoundMentions, read_inputs
from dossier.actors.untagged import find_untagged_names
from dossier.parse.model import ParsedArticle
from dossier.quotes.cues import CueLexicon, load_cues
from dossier.records import Mention


def resolve_actors(
    parsed: ParsedArticle, knowledge: KnowledgeBase | None = None, cues: CueLexicon | None = None
) -> tuple[Mention, ...]:
    """Every actor mention in the article, resolved to an actor reference.

    `knowledge` and `cues` are the stage's data, loaded once by the caller;
    when given, nothing is loaded and no environment variable is read. When
    None, the cached defaults are used: `knowledge_base()` (shipped files and
    DOSSIER_ACTORS_PATH) and `load_cues()` (shipped cues and DOSSIER_CUES_PATH).

    Example:
        >>> from dossier.parse import parse_articles
        >>> from dossier.records import Article
        >>> parsed = next(parse_articles([Article.build("Russian President Vladimir Putin spoke.")]))
        >>> [(m.text, m.actor.code) for m in resolve_actors(parsed)]
        [('Russian President Vladimir Putin', 'RUSGOV')]
    """
    inputs = read_inputs(
        parsed,
        knowledge if knowledge is not None else knowledge_base(),
        cues if cues is not None else load_cues(),
    )
    found = FoundMentions.empty(len(parsed.doc))
    set_aside_dateline(inputs, found)
    find_people(inputs, found)
    unify_people(found)
    find_regional_groups(inputs, found)
    find_parties(inputs, found)
    find_groups(inputs, found)
    find_places_and_organisations(inputs, found)
    find_other_organisations(inputs, found)
    find_region_names(inputs, found)
    find_national_things(inputs, found)
    find_untagged_names(inputs, found)
    share_party_countries(inputs, found)
    code_state_roles_by_article(inputs, found)
    resolve_pronouns(inputs, found)
    return to_mentions(inputs, found.drafts)
