"""The 投诉事件 section: the list, the ILEAD stepper and step forms, the complaint and callback dialogs."""
