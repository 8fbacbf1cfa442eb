<!DOCTYPE qgis>
<!-- Premises behind a single point of failure (rd_spof) or a shared-risk group (rd_srlg); NULL: not attached. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="CASE WHEN &quot;rd_spof&quot; = 1 THEN 2 WHEN &quot;rd_srlg&quot; = 1 THEN 1 WHEN &quot;rd_spof&quot; = 0 THEN 0 END">
    <categories>
      <category value="0" symbol="0" label="Redundant"/>
      <category value="1" symbol="1" label="Behind a shared-risk group"/>
      <category value="2" symbol="2" label="Behind a single point of failure"/>
      <category value="" symbol="3" label="Not attached to the network"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="26,150,65,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.4"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="253,174,97,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.4"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.4"/></layer></symbol>
      <symbol type="marker" name="3"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="189,189,189,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.0"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
