"""Training and evaluation of the sv_klang Swedish NER model (redactor/data/sv_klang).

Modules: corpus (readers), lexicon (name/place lexicon vectors), synthetic (call-centre
utterances), train, evaluate, cli (Typer sub-app `model_app`).
"""
