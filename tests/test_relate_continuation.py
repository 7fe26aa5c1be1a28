"""The models a text named before a sentence, by the ward each runs in alone (kg.relate.continuation.Earlier):
the answers a reader gives by listing the models so far, kept as relate goes."""
from kg.recognize import Mention
from kg.relate.continuation import Earlier
from kg.relate.initiatives import InitiativeFacts
from kg.segment import Sentence

LEVEL = "https://w3id.org/reform-kg/id/place-level/xa"
SENTENCE = Sentence(0, 10, "x" * 10)


def ward(name: str) -> Mention:
    return Mention(0, len(name), name, "PLACE", "", (("level", LEVEL), ("names", (name,))))


def model(label: str, *wards: str) -> InitiativeFacts:
    return InitiativeFacts(Mention(0, len(label), label, "MODEL"), SENTENCE, label, [ward(w) for w in wards])


def test_the_first_model_of_a_ward_and_the_others():
    models = [model("Một cửa", "Vị Thanh 1"), model("Chatbot", "Tân Tiến"), model("Một cửa", "Vị Thanh 1"),
              model("Tổ công tác"), model("Bưu chính", "Vị Thanh 1", "Tân Tiến")]
    earlier = Earlier(models)
    # Vị Thanh 1 alone: the first and the third (one name); Chatbot and Bưu chính run elsewhere too
    assert earlier.in_ward(("Vị Thanh 1",)) == (models[0], 1, 2)
    assert earlier.in_ward(("Tân Tiến",)) == (models[1], 1, 3)
    assert earlier.in_ward(("Hỏa Lựu",)) == (None, 0, 4)         # a ward no model runs in


def test_the_last_model_named_may_still_be_given_places():
    models = [model("Chatbot", "Tân Tiến"), model("Một cửa")]
    earlier = Earlier(models)
    assert earlier.in_ward(("Vị Thanh 1",)) == (None, 0, 1)
    models[-1].places.append(ward("Vị Thanh 1"))              # a later sentence launches it there
    assert earlier.in_ward(("Vị Thanh 1",)) == (models[1], 1, 1)
    models.append(model("Một cửa số", "Vị Thanh 1"))           # a new model: the one before is settled
    assert earlier.in_ward(("Vị Thanh 1",)) == (models[1], 2, 1)
