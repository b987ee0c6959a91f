// Zhili page helpers. Everything works without this file; it only makes forms quicker to use.
(function () {
  "use strict";
  // Region picker: once a league or city is chosen, offer only its counties.
  var prefecture = document.getElementById("region");
  var county = document.getElementById("county");
  if (prefecture && county) {
    var groups = Array.prototype.slice.call(county.querySelectorAll("optgroup"));
    var sync = function () {
      var chosen = prefecture.value;
      groups.forEach(function (group) {
        var show = !chosen || group.getAttribute("data-prefecture") === chosen;
        group.hidden = !show;
        group.disabled = !show;
      });
      var selected = county.options[county.selectedIndex];
      if (selected && selected.parentNode.disabled) { county.value = ""; }
    };
    prefecture.addEventListener("change", sync);
    sync();
  }
  // Comparison page: changing the indicator, level or year reloads the comparison.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosubmit] select"), function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Article page: bring the linked figure into view and mark it.
  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
  }
})();
